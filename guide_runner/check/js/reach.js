// Bring the element into view as a person scrolling to it would, then hit-test its centre.
// Scrolls only when needed: into the middle when it is not wholly in the viewport (clear of
// sticky headers), else "nearest", which moves only scroll containers that clip it. Instant,
// so the hit test sees where it ends up. `hitTest` and `describe`: hit_test.js, describe.js.
(el, hitTest, describe) => {
  const r = el.getBoundingClientRect();
  const view = el.ownerDocument.defaultView;
  const inView = r.top >= 0 && r.left >= 0 && r.bottom <= view.innerHeight && r.right <= view.innerWidth;
  el.scrollIntoView({ block: inView ? "nearest" : "center", inline: "nearest", behavior: "instant" });
  return hitTest(el, describe);
}
