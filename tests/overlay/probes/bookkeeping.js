// Test probe, installed before the overlay: keeps a ledger of every event listener,
// observer and animation-frame request in the page, so a test can prove the overlay leaves
// nothing behind and schedules nothing while the page is quiet. Playwright's own injected
// script (it adds hit-target listeners and an observer when it first needs them) is left out.
(() => {
  const byPlaywright = () => /InjectedScript/.test(new Error().stack);
  const listeners = [];
  const liveObservers = new Set();
  const frames = { requested: 0, pending: new Set() };
  const capture = (options) => (typeof options === "boolean" ? options : Boolean(options && options.capture));

  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    const entry = { target: this, type, listener, capture: capture(options) };
    const same = (e) => e.target === entry.target && e.type === type && e.listener === listener
      && e.capture === entry.capture;
    if (listener && !byPlaywright() && !listeners.some(same)) listeners.push(entry);
    return add.call(this, type, listener, options);
  };
  EventTarget.prototype.removeEventListener = function (type, listener, options) {
    const flag = capture(options);
    const index = listeners.findIndex((e) => e.target === this && e.type === type
      && e.listener === listener && e.capture === flag);
    if (index >= 0) listeners.splice(index, 1);
    return remove.call(this, type, listener, options);
  };

  for (const Observer of [MutationObserver, ResizeObserver, IntersectionObserver]) {
    const observe = Observer.prototype.observe;
    const disconnect = Observer.prototype.disconnect;
    Observer.prototype.observe = function (...args) {
      if (!byPlaywright()) liveObservers.add(this);
      return observe.apply(this, args);
    };
    Observer.prototype.disconnect = function () {
      liveObservers.delete(this);
      return disconnect.call(this);
    };
  }

  const request = window.requestAnimationFrame;
  const cancel = window.cancelAnimationFrame;
  window.requestAnimationFrame = function (callback) {
    frames.requested += 1;
    const id = request.call(window, (time) => {
      frames.pending.delete(id);
      callback(time);
    });
    frames.pending.add(id);
    return id;
  };
  window.cancelAnimationFrame = function (id) {
    frames.pending.delete(id);
    return cancel.call(window, id);
  };

  const describe = (e) => {
    const t = e.target;
    const name = t === window ? "window" : t === document ? "document"
      : t.nodeName ? t.nodeName.toLowerCase() + (t.id ? `#${t.id}` : "") : String(t);
    return `${name} ${e.type}${e.capture ? " capture" : ""}`;
  };
  window.__probe = {
    listeners: () => listeners.map(describe).sort(),
    observers: () => liveObservers.size,
    framesRequested: () => frames.requested,
    framesPending: () => frames.pending.size,
  };
})();
