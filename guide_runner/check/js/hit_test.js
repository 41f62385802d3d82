// What would receive a click at the centre of the element? Returns null when the element
// itself (or something inside it) would; otherwise a description of what covers it.
// `describe` is the function in describe.js (guide_runner/check/pagejs.py joins the two).
(el, describe) => {
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) return { state: "empty", by: null };
  const x = r.left + r.width / 2;
  const y = r.top + r.height / 2;
  const doc = el.ownerDocument;
  const view = doc.defaultView;
  if (x < 0 || y < 0 || x > view.innerWidth || y > view.innerHeight) {
    return { state: "outside", by: null };
  }
  let top = doc.elementFromPoint(x, y);
  // Follow open shadow roots down to the innermost element.
  while (top && top.shadowRoot) {
    const inner = top.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === top) break;
    top = inner;
  }
  if (!top) return { state: "nothing", by: null };
  if (top === el || el.contains(top)) return { state: "hit", by: null };
  // A label for the element forwards the click to it.
  const label = top.closest("label");
  if (label && (label.control === el || label.contains(el))) return { state: "hit", by: null };
  return { state: "covered", by: describe(top) };
}
