// Is the element at the target's centre part of the same overlay as `other` (e.g. the cookie
// banner whose OK button an earlier step presses)? Climbs from the covering element up to,
// but not including, <body>.
(el, other) => {
  const r = el.getBoundingClientRect();
  const doc = el.ownerDocument;
  let node = doc.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  while (node && node !== doc.body && node !== doc.documentElement) {
    if (node.contains(other)) return true;
    node = node.parentElement;
  }
  return false;
}
