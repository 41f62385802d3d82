// Wait in the page until its document changes, or `cap` ms pass. Returns the document's
// change token ("<document id>:<changes>"). When the token differs from `last` (something
// changed since the caller's last look, or this is another document) it returns at once,
// so a change between two looks is never missed. The watcher is installed on first use in
// each document: a MutationObserver (DOM, attributes, text) plus passive listeners for state
// changes a DOM mutation does not show (input, change, toggle, transitions, load), and the
// signals of guide-runner's overlay in this document (a bubble button pressed changes no
// DOM). It only observes: it sends no events and changes nothing on the page.
([last, cap]) => {
  const key = "__guideRunnerWake";
  let w = window[key];
  if (!w) {
    w = { doc: Math.random().toString(36).slice(2), n: 0, waiters: [] };
    const bump = () => {
      w.n += 1;
      const waiters = w.waiters;
      w.waiters = [];
      for (const wake of waiters) wake();
    };
    new MutationObserver(bump).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
    const events = ["input", "change", "toggle", "transitionend", "animationend", "load", "hashchange", "popstate"];
    for (const type of events) window.addEventListener(type, bump, { capture: true, passive: true });
    w.bump = bump;
    Object.defineProperty(window, key, { value: w, enumerable: false });
  }
  const overlay = window.__guideRunnerOverlay;
  if (overlay && overlay !== w.overlay && typeof overlay.onSignal === "function") {
    w.overlay = overlay; // (a new overlay after a destroy() is listened to again)
    overlay.onSignal(w.bump);
  }
  const token = () => `${w.doc}:${w.n}`;
  if (token() !== last) return token();
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(token()), cap);
    w.waiters.push(() => {
      clearTimeout(timer);
      resolve(token());
    });
  });
}
