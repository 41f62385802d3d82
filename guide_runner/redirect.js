// The delay in seconds of the meta refresh this document will do once it has loaded (a
// client-side redirect), or null when it has none. It only reads one tag.
() => {
  const meta = document.querySelector('meta[http-equiv="refresh" i]');
  if (!meta) return null;
  const delay = parseFloat(meta.getAttribute("content") || "");
  return Number.isFinite(delay) && delay >= 0 ? delay : null;
}
