// Wait in the page until it holds still for a picture: two animation frames in a row with no
// DOM change between them, the same scroll position, the same overlay layout (outline and
// bubble), and no animation running that can move the outlined target (the overlay's own
// judgement; it follows the target frame by frame meanwhile). With nothing outlined (a
// step shown as a bubble alone), CSS animations and transitions are not waited for: the
// picture is taken with Playwright's animations="disabled", which finishes them, so it
// shows where they end (a floating label on the sign-in page moves for 150 ms).
// Resolves "still", or "timeout" after `capMs`, or at once "leaving" when a meta refresh
// is about to replace the document (a redirect). Used by the demo before it takes a picture
// for the report, instead of sleeping a fixed time. It only reads.
(capMs) => new Promise((resolve) => {
  if (document.querySelector('meta[http-equiv="refresh" i]')) return resolve("leaving");
  const overlay = window.__guideRunnerOverlay;
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
    const moving = overlay ? overlay.stats().moving : false;
    if (now === last && !mutated && !moving) return finish("still");
    if (performance.now() - started >= capMs) return finish("timeout");
    last = now;
    mutated = false;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})
