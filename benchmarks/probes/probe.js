// Benchmark probe, injected with add_init_script before any page script runs.
//
// Times are absolute milliseconds (performance.timeOrigin + performance.now()), so a click on
// one document and an outline drawn on the next can be compared.
//
// "Drawn" = the end of the rendering update (style, layout, paint) of the first animation
// frame that contains the positioned outline: if the outline was positioned inside an
// animation-frame callback, that same frame; otherwise the next one. The end of a frame's
// rendering update is observed with a MessageChannel message posted from inside the frame
// (it runs right after the update).
(() => {
  if (window.__bench) return;
  const now = () => performance.timeOrigin + performance.now();
  const channel = new MessageChannel();
  const afterRender = [];
  channel.port1.onmessage = () => {
    const t = now();
    for (const fn of afterRender.splice(0)) fn(t);
  };
  const postAfterRender = (fn) => {
    afterRender.push(fn);
    channel.port2.postMessage(0);
  };

  // Wrap requestAnimationFrame so the probe knows when positioning happens inside a frame
  // callback; pending mutation records are read before the callback counts as finished.
  let rafDepth = 0;
  let observer = null;
  let armed = null;
  const nativeRaf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (cb) => nativeRaf((ts) => {
    rafDepth += 1;
    try {
      cb(ts);
    } finally {
      if (observer) check(observer.takeRecords());
      rafDepth -= 1;
    }
  });

  function ours() {
    const host = document.querySelector("guide-runner-overlay");
    const ring = host && host.shadowRoot ? host.shadowRoot.querySelector(".gr-ring") : null;
    return { host, ring };
  }

  function ringBox(ring) {
    const m = /translate\(([-\d.e]+)px, ([-\d.e]+)px\)/.exec(ring.style.transform || "");
    if (!m) return null;
    return {
      x: parseFloat(m[1]), y: parseFloat(m[2]),
      width: parseFloat(ring.style.width), height: parseFloat(ring.style.height),
    };
  }

  function close(a, b) {
    return Math.abs(a.x - b.x) <= 1 && Math.abs(a.y - b.y) <= 1
      && Math.abs(a.width - b.width) <= 1 && Math.abs(a.height - b.height) <= 1;
  }

  function drawnNow() {
    if (armed.kind === "playwright") {
      const glass = document.querySelector("x-pw-glass");
      return glass && glass.isConnected ? { box: null } : null;
    }
    const { host, ring } = ours();
    if (!host || !ring || host.hidden || ring.hidden) return null;
    const box = ringBox(ring);
    const target = document.querySelector(armed.selector);
    if (!box || !target) return null;
    const r = target.getBoundingClientRect();
    const want = { x: r.x, y: r.y, width: r.width, height: r.height };
    return close(box, want) ? { box } : null;
  }

  function observeShadow() {
    const { host } = ours();
    if (host && host.shadowRoot && !armed.shadowObserved) {
      observer.observe(host.shadowRoot, { subtree: true, attributes: true, childList: true });
      armed.shadowObserved = true;
    }
  }

  function check() {
    if (!armed || armed.pending || armed.positionedAt) return;
    observeShadow();
    const drawn = drawnNow();
    if (!drawn) return;
    const current = armed;
    current.positionedAt = now();
    current.inFrame = rafDepth > 0;
    current.box = drawn.box;
    const finish = (t) => {
      current.drawnAt = t;
      observer.disconnect();
      observer = null;
      if (current.resolve) current.resolve(report(current));
    };
    if (current.inFrame) postAfterRender(finish);
    else nativeRaf(() => postAfterRender(finish));
  }

  function report(a) {
    return {
      startedAt: a.startedAt, positionedAt: a.positionedAt, drawnAt: a.drawnAt,
      inFrame: a.inFrame, latency: a.drawnAt - a.startedAt,
    };
  }

  // Start watching for the outline: kind "ours" (selector: the element it must match) or
  // "playwright" (Playwright's highlight host appears). startedAt defaults to now.
  function arm(options, state) {
    if (observer) observer.disconnect();
    armed = Object.assign(state || {}, options, {
      startedAt: options.startedAt || now(), shadowObserved: false, pending: false,
    });
    observer = new MutationObserver(check);
    observer.observe(document, { subtree: true, attributes: true, childList: true });
    observeShadow();
    check();
  }

  // The report of the latest arm() or later(), once drawn; null after timeoutMs.
  function result(timeoutMs) {
    const a = armed;
    if (!a) return Promise.resolve(null);
    if (a.drawnAt) return Promise.resolve(report(a));
    return new Promise((resolve) => {
      a.resolve = resolve;
      setTimeout(() => resolve(null), timeoutMs || 5000);
    });
  }

  // After delayMs, arm the probe and change the page: "insert" adds the target, "reveal"
  // unhides it, "click" clicks it (the simulated person; the time is kept across pages).
  function later(action, delayMs, options) {
    if (observer) observer.disconnect();
    observer = null;
    const state = { pending: true };
    armed = state; // result() waits for this one, not for an earlier trial's
    setTimeout(() => {
      const startedAt = now();
      if (action === "click") {
        sessionStorage.setItem("benchClickAt", String(startedAt));
        if (options.armNext) sessionStorage.setItem("benchArmNext", JSON.stringify(options.armNext));
        if (options.arm) arm({ ...options.arm, startedAt }, state);
        document.querySelector(options.selector).click();
        return;
      }
      arm({ ...options.arm, startedAt }, state);
      if (action === "insert") window.benchPage.insert();
      else if (action === "reveal") window.benchPage.reveal();
    }, delayMs);
  }

  // Tracking: per frame, after layout (a ResizeObserver on a 1-px probe whose width flips
  // every frame through a constructed stylesheet: no DOM mutation reaches the overlay),
  // the distance between the target's box and the overlay's drawn box.
  let sampling = null;
  function startTracking(selector) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync("#bench-frame-probe { width: 1px; }");
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    const el = document.createElement("div");
    el.id = "bench-frame-probe";
    el.style.cssText = "position:fixed;left:0;top:0;height:1px;pointer-events:none;";
    document.documentElement.append(el);
    const target = document.querySelector(selector);
    const state = { frames: 0, max: 0, lagging: 0, missing: 0, running: true, flip: false };
    const ro = new ResizeObserver(() => {
      if (!state.running) return;
      const api = window.__guideRunnerOverlay;
      const drawn = api ? api.drawnBox() : null;
      const r = target.getBoundingClientRect();
      state.frames += 1;
      if (!drawn) {
        state.missing += 1;
        return;
      }
      const d = Math.max(Math.abs(drawn.x - r.x), Math.abs(drawn.y - r.y),
        Math.abs(drawn.width - r.width), Math.abs(drawn.height - r.height));
      state.max = Math.max(state.max, d);
      if (d > 1) state.lagging += 1;
    });
    ro.observe(el);
    const tick = () => {
      if (!state.running) return;
      state.flip = !state.flip;
      sheet.cssRules[0].style.width = state.flip ? "2px" : "1px";
      nativeRaf(tick);
    };
    nativeRaf(tick);
    sampling = { state, stop: () => { state.running = false; ro.disconnect(); el.remove(); } };
  }

  function stopTracking() {
    if (!sampling) return null;
    sampling.stop();
    const { frames, max, lagging, missing } = sampling.state;
    sampling = null;
    return { frames, max, lagging, missing };
  }

  window.__bench = { now, arm, result, later, startTracking, stopTracking };

  // A click on the previous document asked the next one to watch for the outline, timed
  // from the click.
  const next = sessionStorage.getItem("benchArmNext");
  if (next) {
    sessionStorage.removeItem("benchArmNext");
    arm({ ...JSON.parse(next), startedAt: Number(sessionStorage.getItem("benchClickAt")) });
  }
})();
