// Wait in the page until it holds still: two animation frames in a row with no DOM change
// between them, the same scroll position, the same overlay layout (outline and bubble), the
// overlay not following anything and no finite animation or transition running that moves or fades something (infinite
// spinners never end, and a border easing to its focus colour does not spoil a picture).
// Resolves "still", or "timeout" after `capMs`, or at once "leaving" when a meta refresh
// is about to replace the document (a redirect). Used by the demo before it takes a picture
// for the report, instead of sleeping a fixed time. It only reads.
(capMs) => new Promise((resolve) => {
  if (document.querySelector('meta[http-equiv="refresh" i]')) return resolve("leaving");
  const overlay = window.__guideRunnerOverlay;
  const colourOnly = (a) => {
    const props = a.transitionProperty
      ? [a.transitionProperty]
      : a.effect.getKeyframes().flatMap((frame) => Object.keys(frame))
        .filter((key) => !["offset", "computedOffset", "easing", "composite"].includes(key));
    return props.length > 0 && props.every((p) => /colou?r$|shadow$|^(fill|stroke)$/i.test(p));
  };
  const moving = () => document.getAnimations().some((a) => {
    if (a.playState !== "running" || !a.effect) return false;
    return Number.isFinite(a.effect.getComputedTiming().endTime) && !colourOnly(a);
  });
  const snapshot = () => JSON.stringify([
    window.scrollX, window.scrollY,
    overlay ? overlay.debugLayout() : null,
    overlay ? overlay.stats().scheduled : false,
  ]);
  let mutated = false;
  const observer = new MutationObserver(() => { mutated = true; });
  observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  const finish = (how) => { observer.disconnect(); resolve(how); };
  const started = performance.now();
  let last = null;
  const frame = () => {
    const now = snapshot();
    if (now === last && !mutated && !moving()) return finish("still");
    if (performance.now() - started >= capMs) return finish("timeout");
    last = now;
    mutated = false;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})
