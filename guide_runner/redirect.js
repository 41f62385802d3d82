// The delay in seconds of the meta refresh this document will do once it has loaded to go
// to another address (a client-side redirect), or null: no refresh, or one that reloads
// this same address (with or without another fragment), which is not a redirect. It only
// reads one tag.
() => {
  const meta = document.querySelector('meta[http-equiv="refresh" i]');
  if (!meta) return null;
  const content = meta.getAttribute("content") || "";
  const delay = parseFloat(content);
  if (!Number.isFinite(delay) || delay < 0) return null;
  const match = /[;,]\s*(?:url\s*=\s*)?(['"]?)(.+)\1\s*$/i.exec(content);
  if (!match) return null;
  let to;
  try { to = new URL(match[2].trim(), document.baseURI); } catch (_) { return null; }
  const here = new URL(location.href);
  to.hash = "";
  here.hash = "";
  return to.href === here.href ? null : delay;
}
