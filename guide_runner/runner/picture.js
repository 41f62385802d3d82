// What the demo does in the page around a report picture (practice site only). It reads,
// and changes only how the page is drawn while the picture is taken; never its DOM, so no
// mutation observer (the overlay's, the page's) is woken by a picture.
//
// ["settle", capMs]: wait until the page holds still: from the call (later: from one
//   animation frame) to the next animation frame, no DOM change, the same scroll position,
//   the same overlay layout (outline and bubble), and no animation running that can move
//   the outlined target (the overlay's own judgement; it follows the target frame by frame
//   meanwhile). Comparing the first frame with the state at the call saves a frame when
//   nothing moves. Other CSS animations and transitions are not waited for: "prepare" (or
//   Playwright's animations="disabled") finishes them, so the picture shows where they end
//   (a floating label on the sign-in page moves for 150 ms). Resolves "still", "timeout"
//   after capMs, or at once "leaving" when a meta refresh is about to take the page to
//   another address (`pendingRefresh` is guide_runner/redirect.js, the rule the runner and
//   the checker follow redirects by: a refresh longer than `maxDelay` seconds, or one that
//   reloads the same address, is a page that refreshes itself, pictured as it is).
// ["prepare", watch]: finish the CSS animations and transitions that have an end (as
//   Playwright's animations="disabled" does; endless ones, which the practice site does not
//   have, are left running), hide the blinking text caret (pictures would differ from run
//   to run) and wait for the fonts (1 s at most), in every document the top one can reach.
//   With `watch`, first answer "leaving" (as above) or "moving" (the overlay follows a
//   moving target, or still wants to redraw after one more frame) and prepare nothing;
//   else start watching for changes: "ready".
// ["restore"]: show the caret again. "still" when the watch saw no change since "prepare"
//   (no DOM change, the same scroll position and overlay layout), "changed" when it did,
//   "unwatched" when there was no watch.
//
// Limits, as for Playwright's own set-up: the caret rule is a document-level style sheet
// (a shadow root that sets its own caret colour keeps it); the watch does not see a
// field's value change, a scroll inside a container or a frame navigating (none of which
// the demo does while it takes a picture); "settle" watches the top document only.
async ([action, option], pendingRefresh, maxDelay) => {
  const MARK = "__guideRunnerPicture";
  const FONT_WAIT_MS = 1000;
  const STATE = Symbol.for("guideRunnerPicture");
  const overlay = window.__guideRunnerOverlay;
  const leaving = () => {
    const delay = pendingRefresh();
    return delay !== null && delay <= maxDelay;
  };
  const moving = () => (overlay ? overlay.stats().moving : false);
  const snapshot = () => JSON.stringify([
    window.scrollX, window.scrollY,
    overlay ? overlay.debugLayout() : null,
    overlay ? overlay.stats().scheduled : false,
  ]);
  const changes = (documents) => {
    const watch = { mutated: false };
    watch.observer = new MutationObserver(() => { watch.mutated = true; });
    for (const doc of documents) {
      watch.observer.observe(doc, {
        subtree: true, childList: true, attributes: true, characterData: true,
      });
    }
    return watch;
  };
  const reachable = () => {
    const documents = [];
    const visit = (win) => {
      let doc = null;
      try {
        doc = win.document;
      } catch (_) {
        return; // cross-origin: out of reach
      }
      if (!doc) return;
      documents.push(doc);
      for (let i = 0; i < win.frames.length; i += 1) visit(win.frames[i]);
    };
    visit(window);
    return documents;
  };

  if (action === "settle") {
    const capMs = option;
    if (leaving()) return "leaving";
    const watch = changes([document]);
    const started = performance.now();
    let last = snapshot();
    return new Promise((resolve) => {
      const frame = () => {
        const now = snapshot();
        if (now === last && !watch.mutated && !moving()) {
          watch.observer.disconnect();
          return resolve("still");
        }
        if (performance.now() - started >= capMs) {
          watch.observer.disconnect();
          return resolve("timeout");
        }
        last = now;
        watch.mutated = false;
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
  }

  const documents = reachable();
  if (action === "restore") {
    for (const doc of documents) {
      doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((sheet) => !sheet[MARK]);
    }
    const watch = window[STATE];
    delete window[STATE];
    if (!watch) return "unwatched";
    watch.observer.disconnect();
    return !watch.mutated && snapshot() === watch.before ? "still" : "changed";
  }

  // prepare
  const watching = option;
  if (window[STATE]) window[STATE].observer.disconnect();
  delete window[STATE];
  if (watching) {
    if (leaving()) return "leaving";
    const redraw = () => Boolean(overlay && overlay.stats().scheduled);
    // A step just shown: the overlay's first observer callbacks ask for one more frame.
    if (redraw() && !moving()) await new Promise((resolve) => requestAnimationFrame(resolve));
    if (moving() || redraw()) return "moving";
  }
  const watch = watching ? changes(documents) : null;
  for (const doc of documents) {
    for (const animation of doc.getAnimations()) {
      const end = animation.effect ? animation.effect.getComputedTiming().endTime : Infinity;
      if (!Number.isFinite(end) || animation.playbackRate === 0) continue; // cannot finish
      try {
        if (animation.playState !== "finished") animation.finish();
      } catch (_) {
        // one that refuses (an odd timeline) is pictured where it is
      }
    }
    const caret = new doc.defaultView.CSSStyleSheet();
    caret.replaceSync("* { caret-color: transparent !important; }");
    caret[MARK] = true;
    doc.adoptedStyleSheets = [
      ...doc.adoptedStyleSheets.filter((sheet) => !sheet[MARK]), caret,
    ];
  }
  // A font that never loads must not hold the picture up: at most FONT_WAIT_MS.
  await Promise.race([
    Promise.all(documents.map((doc) => doc.fonts.ready)),
    new Promise((resolve) => setTimeout(resolve, FONT_WAIT_MS)),
  ]);
  if (!watch) return documents.length;
  watch.before = snapshot();
  Object.defineProperty(window, STATE, { value: watch, configurable: true });
  return "ready";
}
