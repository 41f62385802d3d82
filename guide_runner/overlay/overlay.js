// The in-page half of guide-runner's highlight overlay.
//
// This file is one function expression. Python calls it with {css, binding, origins} and
// the in-page matcher (match.js; guide_runner/overlay/assets.py joins the two files)
// through add_init_script (every new document, in every frame) and through evaluate
// (documents already open). Installing only defines window.__guideRunnerOverlay: no DOM
// node, listener, observer or animation frame exists until show() is called, and destroy()
// removes them all. With `origins` (the guide's pinned origins), a top document from any
// other origin gets nothing: a look-alike page cannot draw our bubble, and a navigation
// between Python's origin check and its drawing leaves nothing to draw with.
//
// Layering: one host element shown as a manual popover (the browser's top layer, above every
// z-index) holding a *closed* shadow root styled by a constructable stylesheet, so page CSS,
// page scripts and a strict Content-Security-Policy cannot reach or block it.
//
// Tracking: scroll/resize/visualViewport listeners and Resize/Intersection/Mutation observers
// all funnel into one requestAnimationFrame. Per-frame work happens only while an animation
// or transition that can move the target is running; a static page costs nothing.
(config, matcher) => {
  "use strict";
  const GLOBAL = "__guideRunnerOverlay";
  if (Object.prototype.hasOwnProperty.call(window, GLOBAL)) return "already-installed";
  // Only under a top document on a pinned origin. Frames below it may be on other origins
  // (they only watch a target; drawing is the top's); frames below any other top document
  // (another tab's webmail, a look-alike's frames) get nothing. A frame learns its top's
  // origin from location.ancestorOrigins (Chromium's; guide-runner drives Chromium only);
  // one hidden from the frame ("null": its referrer policy) is not refused, as before. A
  // top document's own opaque origin ("null": data:, sandboxed, a blank tab) is refused.
  if (Array.isArray(config.origins)) {
    if (window === window.top) {
      if (!config.origins.includes(location.origin)) return "not-pinned";
    } else {
      const ancestors = location.ancestorOrigins;
      const topOrigin = ancestors && ancestors.length ? ancestors[ancestors.length - 1] : "null";
      if (topOrigin !== "null" && !config.origins.includes(topOrigin)) return "not-pinned";
    }
  }

  const HOST_TAG = "guide-runner-overlay";
  const GAP = 14; // between target and bubble: room for the ring's halo and the arrow
  const MARGIN = 8; // the bubble keeps this far from the viewport's edges
  const ARROW_INSET = 18; // the arrow stays clear of the bubble's rounded corners
  // Animating only these never moves or resizes anything, so they need no per-frame tracking.
  const PAINT_ONLY = new Set([
    "opacity", "color", "backgroundColor", "background-color", "borderColor", "border-color",
    "outlineColor", "outline-color", "boxShadow", "box-shadow", "filter", "fill", "stroke",
    "visibility", "textDecorationColor", "caretColor", "offset", "composite", "easing",
    "computedOffset",
  ]);

  // The page's own timers, frame callbacks and promises, taken now: the init script runs
  // before any page script, so a page that replaces them later cannot stop our waits from
  // ending. `config.atStart` says this is the init script; installed later (by evaluate),
  // they are whatever the page has by then: expect() then waits for no frame. (The waits
  // for a signal or a change still use them: a page that stopped its own timers before the
  // overlay came can hold those up. Known limit, docs/overlay.md.)
  const setTimeout = window.setTimeout.bind(window);
  const clearTimeout = window.clearTimeout.bind(window);
  const requestAnimationFrame = window.requestAnimationFrame.bind(window);
  const cancelAnimationFrame = window.cancelAnimationFrame.bind(window);
  const MessageChannel = window.MessageChannel;
  const Promise = window.Promise;
  const ownTimers = config.atStart === true;

  const isTopWindow = window === window.top;
  let ui = null; // the drawn UI; null until the first show() in this document
  let current = null; // what is being shown: {showId, options, target}
  let tracker = null; // listeners and observers bound to the current target
  let watcher = null; // activation/vanish watch for a target shown by another frame
  let rafId = 0;
  const stats = { frames: 0, updates: 0, earlyLooks: 0 };

  // ---------------------------------------------------------------- signals to Python

  // In-page listeners (guide_runner/wake.js): a bubble button press changes nothing in the
  // page's DOM, so the runner's wait for the next change would not end on it otherwise.
  const signalListeners = new Set();

  // The binding as Playwright defined it before this script (its init script is added
  // first): a page script that replaces window[binding] later sees nothing we send, so it
  // cannot learn the show id that makes a signal count. Looked up again only if missing.
  const bindingAtInstall = window[config.binding];

  // Page scripts can call the binding too, so Python treats every signal as a hint.
  function send(kind, showId, detail) {
    const fn = typeof bindingAtInstall === "function" ? bindingAtInstall : window[config.binding];
    if (typeof fn !== "function") return;
    try {
      Promise.resolve(fn({ kind, showId, ...detail })).catch(() => {});
    } catch (_) {
      // A page that replaced the binding must not break the overlay.
    }
    // The binding's message leaves the page now, before any reply a listener's wake-up
    // causes: Python has the signal when a wait that ends on it returns.
    for (const listener of signalListeners) {
      try {
        listener(kind);
      } catch (_) {
        // a listener's failure is its own
      }
    }
  }

  // Enter or Space on a control activates it. Keys typed into a field are what the person
  // types: not even looked at (a text field, a password field, an editable region).
  const NOT_TYPED_INTO = new Set([
    "button", "submit", "reset", "image", "checkbox", "radio", "file", "color", "range",
  ]);
  function isTypedInto(t) {
    if (!t || t.nodeType !== Node.ELEMENT_NODE) return false;
    if (t.isContentEditable || t.localName === "textarea") return true;
    if (t.localName === "input") return !NOT_TYPED_INTO.has(t.type);
    // An autonomous custom element with no open shadow root, receiving keys itself: a closed
    // shadow root hides where they go (perhaps its own password field), so not looked at.
    return t.localName.includes("-") && !t.shadowRoot;
  }
  function isActivationKey(event) {
    // The real target: a shadow root retargets event.target to its host, so a field inside
    // an outlined component would otherwise look like the component itself.
    const path = typeof event.composedPath === "function" ? event.composedPath() : [];
    if (isTypedInto(path.length ? path[0] : event.target)) return false;
    return (event.key === "Enter" || event.key === " ") && !event.repeat;
  }

  // The person clicked the target or pressed Enter/Space on it: "activated" for the step
  // showing then (showIdNow), which the engine takes as a hint that the step may be done.
  function listenForActivation(cleanup, el, showIdNow) {
    const passiveCapture = { capture: true, passive: true };
    listen(cleanup, el, "click", () => send("activated", showIdNow(), { via: "click" }), passiveCapture);
    listen(cleanup, el, "keydown", (event) => {
      if (isActivationKey(event)) send("activated", showIdNow(), { via: "key" });
    }, passiveCapture);
  }

  function onSignal(listener) {
    if (typeof listener === "function") signalListeners.add(listener);
    return () => signalListeners.delete(listener);
  }

  // Resolves true on this overlay's next signal (already on its way to Python, see send),
  // false after capMs.
  function waitForSignal(capMs) {
    return new Promise((resolve) => {
      let off = null;
      const timer = setTimeout(() => {
        off();
        resolve(false);
      }, Math.max(0, capMs));
      off = onSignal(() => {
        clearTimeout(timer);
        off();
        resolve(true);
      });
    });
  }

  // ---------------------------------------------------------------- composed tree helpers

  // Parent across shadow roots and same-origin frame boundaries.
  function composedParent(node) {
    if (node.parentElement) return node.parentElement;
    const parent = node.parentNode;
    if (!parent) return null;
    if (parent.nodeType === Node.DOCUMENT_FRAGMENT_NODE && parent.host) return parent.host;
    if (parent.nodeType === Node.DOCUMENT_NODE) return frameElementOf(parent.defaultView);
    return null;
  }

  function frameElementOf(win) {
    try {
      return win && win !== window ? win.frameElement : null;
    } catch (_) {
      return null;
    }
  }

  function ancestorsOf(el) {
    const list = [];
    for (let node = el; node; node = composedParent(node)) list.push(node);
    return list;
  }

  // Every root (document or shadow root) between the target and the top document: the
  // places where scrolls, mutations and animation events that can move the target happen.
  function rootsOf(el) {
    const roots = [];
    for (const node of ancestorsOf(el)) {
      const root = node.getRootNode();
      if (!roots.includes(root)) roots.push(root);
    }
    if (!roots.includes(document)) roots.push(document);
    return roots;
  }

  // ---------------------------------------------------------------- finding the target again

  // Ids that look generated (React ":r1:", hashes, counters) change across re-renders.
  function looksStable(id) {
    return !/^:|\d{3,}|[0-9a-f]{8,}/i.test(id);
  }

  function selectorWithin(el) {
    const root = el.getRootNode();
    const parts = [];
    for (let node = el; node && node.nodeType === Node.ELEMENT_NODE; node = node.parentElement) {
      if (node.id && looksStable(node.id)) {
        const byId = `#${CSS.escape(node.id)}`;
        if (root.querySelectorAll(byId).length === 1) {
          parts.unshift(byId);
          break;
        }
      }
      const siblings = node.parentNode ? Array.from(node.parentNode.children) : [node];
      const sameName = siblings.filter((s) => s.localName === node.localName);
      const name = CSS.escape(node.localName);
      const nth = sameName.length > 1 ? `:nth-of-type(${sameName.indexOf(node) + 1})` : "";
      parts.unshift(name + nth);
    }
    return parts.join(" > ");
  }

  // Hops from the top document to the element: through open shadow roots and same-origin
  // frames. Re-querying them finds the element a framework rendered in place of the old one.
  function locationOf(el) {
    const hops = [];
    let node = el;
    while (node) {
      const root = node.getRootNode();
      if (root.nodeType === Node.DOCUMENT_FRAGMENT_NODE && root.host) {
        hops.unshift({ via: "shadow", selector: selectorWithin(node) });
        node = root.host;
      } else if (root.nodeType === Node.DOCUMENT_NODE) {
        const frame = frameElementOf(root.defaultView);
        hops.unshift({ via: frame ? "frame" : "document", selector: selectorWithin(node) });
        node = frame;
      } else {
        return null; // detached: nothing to re-find from
      }
    }
    return hops;
  }

  function resolveLocation(hops) {
    let root = document;
    let found = null;
    for (let i = 0; i < hops.length; i += 1) {
      if (!root) return null;
      const matches = root.querySelectorAll(hops[i].selector);
      if (matches.length !== 1) return null;
      found = matches[0];
      const next = hops[i + 1];
      if (!next) break;
      root = next.via === "shadow" ? found.shadowRoot : frameDocument(found);
    }
    return found;
  }

  function frameDocument(frameEl) {
    try {
      return frameEl.contentDocument;
    } catch (_) {
      return null;
    }
  }

  // ---------------------------------------------------------------- geometry

  // The element's border box in the top viewport's CSS pixels, through same-origin frames.
  function viewportRect(el) {
    const r = el.getBoundingClientRect();
    let x = r.left;
    let y = r.top;
    for (let frame = frameElementOf(el.ownerDocument.defaultView); frame;) {
      const fr = frame.getBoundingClientRect();
      const style = frame.ownerDocument.defaultView.getComputedStyle(frame);
      x += fr.left + frame.clientLeft + parseFloat(style.paddingLeft);
      y += fr.top + frame.clientTop + parseFloat(style.paddingTop);
      frame = frameElementOf(frame.ownerDocument.defaultView);
    }
    return { x, y, width: r.width, height: r.height };
  }

  function intersect(a, b) {
    const x = Math.max(a.x, b.x);
    const y = Math.max(a.y, b.y);
    const right = Math.min(a.x + a.width, b.x + b.width);
    const bottom = Math.min(a.y + a.height, b.y + b.height);
    return { x, y, width: Math.max(0, right - x), height: Math.max(0, bottom - y) };
  }

  // Ancestors that clip the target (scroll containers, overflow hidden, frames). Computed
  // once per target: overflow styles rarely change, and getComputedStyle is not free.
  function clippersOf(el) {
    const clippers = [];
    let escapedByFixed = false;
    let node = el;
    while (node) {
      const parent = composedParent(node);
      if (!parent) break;
      const crossesFrame = parent.ownerDocument !== node.ownerDocument;
      if (crossesFrame) {
        escapedByFixed = false;
        clippers.push(parent); // an iframe clips to its content box
      } else if (!escapedByFixed) {
        const style = parent.ownerDocument.defaultView.getComputedStyle(parent);
        if (style.overflowX !== "visible" || style.overflowY !== "visible") clippers.push(parent);
      }
      if (!crossesFrame) {
        const position = node.ownerDocument.defaultView.getComputedStyle(node).position;
        if (position === "fixed") escapedByFixed = true;
      }
      node = parent;
    }
    return clippers;
  }

  function visibleArea(clippers, viewport) {
    let area = viewport;
    for (const el of clippers) {
      if (!el.isConnected) continue;
      const r = viewportRect(el);
      const inner = {
        x: r.x + el.clientLeft,
        y: r.y + el.clientTop,
        width: el.clientWidth,
        height: el.clientHeight,
      };
      area = intersect(area, inner);
    }
    return area;
  }

  // ---------------------------------------------------------------- bubble placement

  // Where the bubble goes: the first side with room, aligned to the target and kept inside
  // the viewport; the roomiest side, clamped, when nothing fits. The trailing side comes
  // first because below a form field is usually the field or button the person needs next.
  // Boxes of the elements that describe the target (aria-describedby), in the top
  // document's viewport; only for targets in the top document.
  function describedRects(el) {
    if (!el || el.ownerDocument !== document) return [];
    const ids = (el.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    const rects = [];
    for (const id of ids) {
      const described = document.getElementById(id);
      if (!described) continue;
      const r = described.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) rects.push({ x: r.x, y: r.y, width: r.width, height: r.height });
    }
    return rects;
  }

  function placeBubble(anchor, size, viewport, rtl, position, avoid = []) {
    const clampX = (x) => Math.min(Math.max(x, MARGIN), viewport.width - size.width - MARGIN);
    const clampY = (y) => Math.min(Math.max(y, MARGIN), viewport.height - size.height - MARGIN);
    if (!anchor && position === "corner") {
      // A step done elsewhere (mail, phone, paper): keep the page's content in view, since
      // it may show what the person needs (a new one-time code), and sit in the end corner.
      return {
        side: "none",
        x: rtl ? MARGIN : Math.max(MARGIN, viewport.width - size.width - MARGIN),
        y: Math.max(MARGIN, viewport.height - size.height - MARGIN),
        arrow: null,
      };
    }
    if (!anchor) {
      return {
        side: "none",
        x: Math.max(MARGIN, (viewport.width - size.width) / 2),
        y: Math.max(MARGIN, (viewport.height - size.height) / 2),
        arrow: null,
      };
    }
    const right = anchor.x + anchor.width;
    const bottom = anchor.y + anchor.height;
    const room = {
      bottom: viewport.height - bottom - GAP - MARGIN,
      top: anchor.y - GAP - MARGIN,
      right: viewport.width - right - GAP - MARGIN,
      left: anchor.x - GAP - MARGIN,
    };
    const order = rtl ? ["left", "bottom", "top", "right"] : ["right", "bottom", "top", "left"];
    const fits = (side) => (side === "top" || side === "bottom"
      ? room[side] >= size.height && viewport.width - 2 * MARGIN >= size.width
      : room[side] >= size.width && viewport.height - 2 * MARGIN >= size.height);
    const positionFor = (side) => {
      if (side === "bottom" || side === "top") {
        const start = rtl ? right - size.width : anchor.x + (anchor.width - size.width) / 2;
        return {
          x: clampX(rtl ? Math.min(start, anchor.x + (anchor.width - size.width) / 2) : start),
          y: clampY(side === "bottom" ? bottom + GAP : anchor.y - GAP - size.height),
        };
      }
      return {
        x: clampX(side === "right" ? right + GAP : anchor.x - GAP - size.width),
        y: clampY(anchor.y + (anchor.height - size.height) / 2),
      };
    };
    // What describes the target (aria-describedby: e.g. the password rules) stays visible:
    // of the sides that fit, take the one covering least of it (the first, on a tie).
    const covered = (side) => {
      const at = positionFor(side);
      const box = { x: at.x, y: at.y, width: size.width, height: size.height };
      return avoid.reduce((sum, r) => {
        const i = intersect(box, r);
        return sum + i.width * i.height;
      }, 0);
    };
    let side = order
      .filter(fits)
      .reduce((best, s) => (best === undefined || covered(s) < covered(best) ? s : best), undefined);
    if (!side) side = order.reduce((best, s) => (room[s] > room[best] ? s : best), order[0]);
    const { x, y } = positionFor(side);
    const horizontal = side === "bottom" || side === "top";
    const centre = horizontal ? anchor.x + anchor.width / 2 - x : anchor.y + anchor.height / 2 - y;
    const length = horizontal ? size.width : size.height;
    const bubble = { x, y, width: size.width, height: size.height };
    const overlaps = intersect(bubble, anchor).width > 0 && intersect(bubble, anchor).height > 0;
    const pointsAtAnchor = centre >= ARROW_INSET && centre <= length - ARROW_INSET;
    const arrow = overlaps ? null : Math.min(Math.max(centre, ARROW_INSET), length - ARROW_INSET);
    return { side, x, y, arrow: pointsAtAnchor || !overlaps ? arrow : null };
  }

  // ---------------------------------------------------------------- the UI

  function make(tag, className, parent) {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (parent) parent.append(el);
    return el;
  }

  function buildUi() {
    const host = document.createElement(HOST_TAG);
    const supportsPopover = typeof host.showPopover === "function";
    if (supportsPopover) host.setAttribute("popover", "manual");
    const shadow = host.attachShadow({ mode: config.inspectable ? "open" : "closed" });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(config.css);
    shadow.adoptedStyleSheets = [sheet];
    if (!supportsPopover) host.classList.add("gr-no-popover");

    const dim = make("div", "gr-dim", shadow);
    const ring = make("div", "gr-ring", shadow);
    dim.setAttribute("aria-hidden", "true");
    ring.setAttribute("aria-hidden", "true");
    const bubble = make("div", "gr-bubble", shadow);
    bubble.setAttribute("role", "dialog");
    bubble.setAttribute("aria-modal", "false");
    bubble.setAttribute("dir", "auto");
    const arrow = make("div", "gr-arrow", bubble);
    arrow.setAttribute("aria-hidden", "true");
    const head = make("div", "gr-head", bubble);
    const step = make("span", "gr-step", head);
    const title = make("span", "gr-title", head);
    const text = make("p", "gr-text", bubble);
    const actions = make("div", "gr-actions", bubble);
    const live = make("div", "gr-live", shadow);
    live.setAttribute("role", "status");
    live.setAttribute("aria-live", "polite");
    step.id = "gr-step";
    title.id = "gr-title";
    text.id = "gr-text";
    bubble.setAttribute("aria-describedby", "gr-text");

    // Our buttons must not pull focus out of the field the person is typing in.
    const keepFocus = (event) => event.preventDefault();
    const onAction = (event) => {
      const button = event.target.closest("button");
      if (!button || !current) return;
      if (button.dataset.cantFind === "true") send("cant_find", current.showId, {});
      else send("button", current.showId, { buttonId: button.dataset.id });
    };
    const cleanup = [];
    listen(cleanup, actions, "mousedown", keepFocus);
    listen(cleanup, actions, "click", onAction);
    return {
      host, shadow, dim, ring, bubble, arrow, step, title, text, actions, live, cleanup,
      size: null,
    };
  }

  function stepCounter(options) {
    return options.step != null && options.total != null
      ? `${options.step} / ${options.total}`
      : options.step != null ? String(options.step) : "";
  }

  function fillBubble(options) {
    const { bubble, step, title, text, actions } = ui;
    bubble.setAttribute("lang", options.lang || "");
    const counter = stepCounter(options);
    step.textContent = counter;
    step.hidden = counter === "";
    title.textContent = options.title || "";
    title.hidden = !options.title;
    text.textContent = options.text || "";
    bubble.setAttribute("aria-labelledby", options.title ? "gr-step gr-title" : "gr-step gr-text");
    if (!options.title && !counter) bubble.setAttribute("aria-labelledby", "gr-text");
    actions.replaceChildren();
    for (const spec of options.buttons || []) {
      const button = make("button", spec.primary ? "gr-button gr-primary" : "gr-button", actions);
      button.type = "button";
      button.dataset.id = String(spec.id);
      button.textContent = String(spec.label);
    }
    if (options.cantFindLabel) {
      const link = make("button", "gr-cant-find", actions);
      link.type = "button";
      link.dataset.cantFind = "true";
      link.textContent = String(options.cantFindLabel);
    }
    actions.hidden = actions.childElementCount === 0;
    ui.dim.hidden = !options.dim;
    ui.size = null; // content changed: measure again
  }

  // Announce after the live region exists in the accessibility tree; replacing the text of
  // an existing polite region is what screen readers pick up.
  function announceStep(options) {
    const { live } = ui;
    const announcement = [stepCounter(options), options.title, options.text]
      .filter(Boolean).join(". ");
    live.setAttribute("lang", options.lang || "");
    live.textContent = "";
    requestAnimationFrame(() => {
      if (ui && ui.live === live) live.textContent = announcement;
    });
  }

  // ---------------------------------------------------------------- layering

  const modalOrder = new WeakMap(); // dialog -> when we saw it open: top layer is LIFO
  let modalSeq = 0;

  function topmostModal() {
    let best = null;
    for (const dialog of document.querySelectorAll("dialog[open]")) {
      if (!dialog.matches(":modal")) continue;
      if (!modalOrder.has(dialog)) modalOrder.set(dialog, (modalSeq += 1));
      if (!best || modalOrder.get(dialog) > modalOrder.get(best)) best = dialog;
    }
    return best;
  }

  // Put the host back on top of the top layer. Inside a modal dialog's subtree because
  // everything outside the topmost modal dialog is inert (our buttons would not click).
  function raise() {
    if (!ui) return;
    const host = ui.host;
    const parent = topmostModal() || document.documentElement;
    if (host.parentNode !== parent || parent.lastElementChild !== host) parent.append(host);
    if (typeof host.showPopover !== "function") return;
    if (host.matches(":popover-open")) host.hidePopover();
    host.showPopover();
  }

  function isOurs(node) {
    return ui && node === ui.host;
  }

  // Mutations caused by moving or toggling our own host are not page changes.
  function onlyAboutUs(record) {
    if (isOurs(record.target)) return true;
    const nodes = [...record.addedNodes, ...record.removedNodes];
    return nodes.length > 0 && nodes.every(isOurs);
  }

  let layering = null;

  function watchLayering() {
    const onMutations = (records) => {
      let needRaise = false;
      for (const record of records) {
        if (record.type === "attributes" && record.target.localName === "dialog") {
          if (record.target.hasAttribute("open") && record.target.matches(":modal")) {
            modalOrder.set(record.target, (modalSeq += 1));
          }
          needRaise = true;
        } else if (record.type === "childList" && ui && !ui.host.isConnected) {
          needRaise = true;
        }
      }
      if (needRaise) raise();
    };
    const observer = new MutationObserver(onMutations);
    observer.observe(document, {
      subtree: true, childList: true, attributes: true, attributeFilter: ["open"],
    });
    // A page popover shown after ours sits above it; toggle does not bubble, capture sees it.
    const onToggle = (event) => {
      if (isOurs(event.target)) {
        // The browser closed us (fullscreen, removal): come back if a step is showing.
        if (current && !ui.host.hidden && !ui.host.matches(":popover-open")) raise();
        return;
      }
      if (event.newState === "open") raise();
    };
    const onFullscreen = () => raise();
    document.addEventListener("toggle", onToggle, { capture: true, passive: true });
    document.addEventListener("fullscreenchange", onFullscreen, { passive: true });
    layering = () => {
      observer.disconnect();
      document.removeEventListener("toggle", onToggle, { capture: true });
      document.removeEventListener("fullscreenchange", onFullscreen);
    };
  }

  // ---------------------------------------------------------------- tracking

  function schedule() {
    if (!rafId) rafId = requestAnimationFrame(onFrame);
  }

  function onFrame() {
    rafId = 0;
    stats.frames += 1;
    update();
    if (tracker && movingAnimationRunning()) schedule();
  }

  function animatedProperties(animation) {
    const effect = animation.effect;
    if (!effect || typeof effect.getKeyframes !== "function") return [];
    const props = new Set();
    if (animation.transitionProperty) props.add(animation.transitionProperty);
    for (const frame of effect.getKeyframes()) {
      for (const key of Object.keys(frame)) props.add(key);
    }
    return Array.from(props);
  }

  // Per-frame tracking is worth it only while something that can move the target runs:
  // an animation on the target or an ancestor, or a finite one elsewhere (an accordion
  // opening above the target). Endless spinners elsewhere and colour/opacity pulses don't.
  function movingAnimationRunning() {
    if (!tracker) return false;
    const ancestors = new Set(tracker.ancestors);
    for (const doc of tracker.documents) {
      if (typeof doc.getAnimations !== "function") continue;
      for (const animation of doc.getAnimations()) {
        if (animation.playState !== "running") continue;
        const target = animation.effect && animation.effect.target;
        if (!target || (ui && target.getRootNode() === ui.shadow)) continue;
        const props = animatedProperties(animation);
        if (props.length && props.every((p) => PAINT_ONLY.has(p))) continue;
        if (ancestors.has(target)) return true;
        const timing = animation.effect.getComputedTiming();
        if (Number.isFinite(timing.endTime)) return true;
      }
    }
    return false;
  }

  function listen(cleanup, target, type, handler, options) {
    target.addEventListener(type, handler, options);
    cleanup.push(() => target.removeEventListener(type, handler, options));
  }

  // Detects any movement of the target, even one no other observer reports (a font loading
  // above it): the root margin shrinks the root to the target's own box, so a shift changes
  // the intersection ratio and crosses one of the thresholds. The first report after
  // observe() is the baseline, not a change. Rebuilt after each update with the new box.
  const MOVE_THRESHOLDS = Array.from({ length: 51 }, (_, i) => i / 50);

  function watchMovement(el) {
    if (!tracker) return;
    if (tracker.mover) tracker.mover.disconnect();
    tracker.mover = null;
    const doc = el.ownerDocument;
    const win = doc.defaultView;
    const r = el.getBoundingClientRect();
    const width = doc.documentElement.clientWidth || win.innerWidth;
    const height = doc.documentElement.clientHeight || win.innerHeight;
    if (r.width <= 0 || r.height <= 0 || r.right <= 0 || r.bottom <= 0) return;
    if (r.left >= width || r.top >= height) return;
    const margin = [r.top, width - r.right, height - r.bottom, r.left]
      .map((v) => `${Math.min(0, -Math.floor(v))}px`).join(" ");
    let baseline = true;
    const observer = new win.IntersectionObserver(() => {
      if (baseline) baseline = false;
      else schedule();
    }, { root: doc, rootMargin: margin, threshold: MOVE_THRESHOLDS });
    observer.observe(el);
    tracker.mover = observer;
  }

  function bindTarget(el, options) {
    unbindTarget();
    const cleanup = [];
    const ancestors = ancestorsOf(el);
    const roots = rootsOf(el);
    const documents = Array.from(new Set(roots.map((r) => r.ownerDocument || r)));
    const windows = documents.map((d) => d.defaultView).filter(Boolean);
    tracker = { el, cleanup, ancestors, documents, mover: null, clippers: clippersOf(el) };

    const onChange = () => schedule();
    const passiveCapture = { capture: true, passive: true };
    for (const root of roots) {
      listen(cleanup, root, "scroll", onChange, passiveCapture);
      for (const type of ["animationstart", "animationend", "animationcancel", "transitionrun",
        "transitionend", "transitioncancel"]) {
        listen(cleanup, root, type, onChange, passiveCapture);
      }
    }
    for (const win of windows) listen(cleanup, win, "resize", onChange, { passive: true });
    if (window.visualViewport) {
      listen(cleanup, window.visualViewport, "resize", onChange, { passive: true });
      listen(cleanup, window.visualViewport, "scroll", onChange, { passive: true });
    }

    const resizeObserver = new ResizeObserver(onChange);
    resizeObserver.observe(el);
    for (const node of ancestors) {
      if (node.localName === "iframe" || node.localName === "frame") {
        resizeObserver.observe(node);
        listen(cleanup, node, "load", onChange, { passive: true }); // the frame navigated
      }
    }
    for (const doc of documents) resizeObserver.observe(doc.documentElement);
    cleanup.push(() => resizeObserver.disconnect());

    // Re-renders and layout shifts: any DOM change near the target may move or replace it.
    const mutationObserver = new MutationObserver((records) => {
      if (!records.every(onlyAboutUs)) schedule();
    });
    for (const root of roots) {
      mutationObserver.observe(root, {
        subtree: true, childList: true, attributes: true, characterData: true,
      });
    }
    cleanup.push(() => mutationObserver.disconnect());

    if (options.watchActivation) listenForActivation(cleanup, el, () => current.showId);
    cleanup.push(() => tracker && tracker.mover && tracker.mover.disconnect());
  }

  function unbindTarget() {
    if (!tracker) return;
    for (const undo of tracker.cleanup.reverse()) undo();
    tracker = null;
  }

  // Follow a re-rendered target: re-query where it was; otherwise report it vanished once.
  // Connected, and in a document that is still shown: a frame that navigated leaves its old
  // document's nodes "connected" to a document with no window.
  function isLive(el) {
    if (!el.isConnected) return false;
    const win = el.ownerDocument.defaultView;
    if (!win) return false;
    if (win === window) return true;
    const frame = frameElementOf(win);
    return Boolean(frame) && isLive(frame);
  }

  function followTarget() {
    const target = current.target;
    if (isLive(target.el)) return target.el;
    const replacement = target.location ? resolveLocation(target.location) : null;
    if (replacement && replacement !== target.el) {
      target.el = replacement;
      target.vanished = false;
      bindTarget(replacement, { watchActivation: target.watchActivation });
      send("followed", current.showId, {});
      return replacement;
    }
    if (!target.vanished) {
      target.vanished = true;
      send("vanished", current.showId, {});
    }
    return null;
  }

  // ---------------------------------------------------------------- drawing

  function viewportSize() {
    const host = ui.host;
    return { width: host.clientWidth || window.innerWidth, height: host.clientHeight || window.innerHeight };
  }

  function update() {
    if (!ui || !current) return;
    stats.updates += 1;
    if (!ui.host.isConnected) raise();
    const viewport = { x: 0, y: 0, ...viewportSize() };
    // Reads first, then writes, so the page lays out at most once per frame.
    let box = null;
    let anchor = null;
    let clip = null;
    if (current.target) {
      const el = followTarget();
      if (el) {
        const rect = viewportRect(el);
        if (rect.width > 0 || rect.height > 0 || el.getClientRects().length > 0) {
          box = rect;
          clip = visibleArea(tracker ? tracker.clippers : [], viewport);
          const visible = intersect(box, clip);
          anchor = visible.width > 0 && visible.height > 0 ? visible : box;
        }
      }
    }
    if (!ui.size || ui.size.viewportWidth !== viewport.width) {
      ui.bubble.style.setProperty("--gr-max-width", `${Math.max(0, viewport.width - 2 * MARGIN)}px`);
      const r = ui.bubble.getBoundingClientRect();
      ui.size = { width: r.width, height: r.height, viewportWidth: viewport.width };
    }
    const rtl = anchor
      ? directionOf(current.target.el) === "rtl"
      : directionOf(document.documentElement) === "rtl";
    const avoid = anchor ? describedRects(current.target.el) : [];
    const place = placeBubble(anchor, ui.size, viewport, rtl, current.options.position, avoid);

    const { ring, dim, bubble } = ui;
    ring.hidden = !box;
    dim.hidden = !box || !current.options.dim;
    if (box) {
      for (const el of [ring, dim]) {
        el.style.setProperty("transform", `translate(${box.x}px, ${box.y}px)`);
        el.style.setProperty("width", `${box.width}px`);
        el.style.setProperty("height", `${box.height}px`);
      }
      // Clip the ring where the target is scrolled out of its container; the halo may show
      // outside the box but not beyond the container's edge.
      const halo = 12;
      const inset = [
        clip.y - box.y > 0 ? clip.y - box.y : -halo,
        box.x + box.width - (clip.x + clip.width) > 0 ? box.x + box.width - (clip.x + clip.width) : -halo,
        box.y + box.height - (clip.y + clip.height) > 0 ? box.y + box.height - (clip.y + clip.height) : -halo,
        clip.x - box.x > 0 ? clip.x - box.x : -halo,
      ];
      ring.style.setProperty("clip-path", `inset(${inset.map((v) => `${v}px`).join(" ")})`);
    }
    bubble.dataset.side = place.side;
    bubble.style.setProperty("transform", `translate(${place.x}px, ${place.y}px)`);
    ui.arrow.hidden = place.arrow == null;
    if (place.arrow != null) bubble.style.setProperty("--gr-arrow", `${place.arrow}px`);
    ui.lastPlacement = place;
    if (tracker && current.target && isLive(current.target.el)) {
      watchMovement(current.target.el);
    }
  }

  function directionOf(el) {
    return el.ownerDocument.defaultView.getComputedStyle(el).direction;
  }

  function fullyVisible(el) {
    const viewport = { x: 0, y: 0, width: window.innerWidth, height: window.innerHeight };
    const box = viewportRect(el);
    const seen = intersect(box, visibleArea(clippersOf(el), viewport));
    return seen.width >= box.width - 1 && seen.height >= box.height - 1;
  }

  function reducedMotion() {
    return window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  function scrollIntoViewOnce(el) {
    if (fullyVisible(el)) return;
    el.scrollIntoView({
      block: "center", inline: "nearest", behavior: reducedMotion() ? "instant" : "smooth",
    });
  }

  // ---------------------------------------------------------------- public in-page API

  function normalise(options) {
    const o = options || {};
    return {
      showId: Number(o.showId) || 0,
      text: String(o.text == null ? "" : o.text),
      title: o.title == null ? null : String(o.title),
      step: o.step == null ? null : Number(o.step),
      total: o.total == null ? null : Number(o.total),
      lang: String(o.lang || ""),
      buttons: Array.isArray(o.buttons) ? o.buttons.map((b) => ({
        id: String(b.id), label: String(b.label), primary: Boolean(b.primary),
      })) : [],
      cantFindLabel: o.cantFindLabel == null ? null : String(o.cantFindLabel),
      dim: Boolean(o.dim),
      scroll: o.scroll !== false,
      frameBox: Boolean(o.frameBox),
      position: o.position === "corner" ? "corner" : "center",
    };
  }

  // `early`: drawn by the in-page matcher, not yet confirmed by Python. `quiet`: drawn early
  // at a step's start (expect() found the target at once), when Python may still find the
  // step already done: nothing is scrolled or announced until Python confirms it.
  function show(el, rawOptions, early = false, quiet = false) {
    if (!isTopWindow) throw new Error("the overlay draws in the top document only");
    disarmChanges();
    dropExpectation();
    const options = normalise(rawOptions);
    if (el && current && current.target && current.target.el === el && !options.frameBox
        && current.showId === options.showId && !current.target.vanished && isLive(el)) {
      // Python confirms what the in-page matcher drew early (or re-finds the same element):
      // nothing to redraw or rebind; a quiet outline is scrolled to and announced now.
      current.early = current.early && early;
      if (current.quiet && !early) {
        current.quiet = false;
        announceStep(current.options);
        if (options.scroll) scrollIntoViewOnce(el);
      }
      return true;
    }
    const firstShow = !ui;
    if (firstShow) {
      ui = buildUi();
      watchLayering();
    }
    unbindTarget();
    // The same step drawn again (its target re-found) is not announced twice; one drawn
    // quietly so far is announced when Python shows it.
    const announce = !quiet && (!current || current.showId !== options.showId || current.quiet);
    current = { showId: options.showId, options, target: null, early, quiet };
    if (el) {
      const watchActivation = !options.frameBox;
      current.target = { el, location: locationOf(el), watchActivation, vanished: false };
      bindTarget(el, { watchActivation });
    } else {
      // A centred message only needs to follow the viewport's size.
      const cleanup = [];
      listen(cleanup, window, "resize", () => schedule(), { passive: true });
      tracker = { el: null, cleanup, ancestors: [], documents: [], mover: null, clippers: [] };
    }
    fillBubble(options);
    if (announce) announceStep(options);
    ui.host.hidden = false;
    raise();
    if (el && options.scroll && !options.frameBox && !quiet) scrollIntoViewOnce(el);
    update();
    return true;
  }

  function hide() {
    disarmChanges();
    dropExpectation();
    unbindTarget();
    current = null;
    if (rafId) cancelAnimationFrame(rafId);
    rafId = 0;
    if (ui) {
      if (ui.host.matches(":popover-open")) ui.host.hidePopover();
      ui.host.hidden = true;
    }
  }

  function destroy() {
    hide();
    unwatch();
    if (layering) layering();
    layering = null;
    if (ui) {
      for (const undo of ui.cleanup) undo();
      ui.host.remove();
    }
    ui = null;
    signalListeners.clear();
    delete window[GLOBAL]; // a later install starts afresh
  }

  function drawnBox() {
    if (!ui || !current || ui.host.hidden || ui.ring.hidden) return null;
    const r = ui.ring.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  }

  function debugLayout() {
    if (!ui || !current) return null;
    const rect = (el) => {
      if (el.hidden) return null;
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    return {
      ring: rect(ui.ring),
      bubble: rect(ui.bubble),
      side: ui.lastPlacement ? ui.lastPlacement.side : null,
      arrow: ui.arrow.hidden ? null : rect(ui.arrow),
      buttons: Object.fromEntries(Array.from(ui.actions.querySelectorAll("[data-id]"))
        .map((b) => [b.dataset.id, rect(b)])),
      cantFind: ui.actions.querySelector("[data-cant-find]")
        ? rect(ui.actions.querySelector("[data-cant-find]")) : null,
      popoverOpen: ui.host.matches(":popover-open"),
      hostParent: ui.host.parentNode ? ui.host.parentNode.nodeName.toLowerCase() : null,
    };
  }

  // A target in a frame the top document cannot reach (cross-origin): that frame reports
  // activation and disappearance itself; the top document outlines the frame.
  function watch(el, rawOptions) {
    unwatch();
    const options = normalise(rawOptions);
    const cleanup = [];
    const showId = options.showId;
    listenForActivation(cleanup, el, () => showId);
    const observer = new MutationObserver(() => {
      if (!el.isConnected) {
        send("vanished", showId, {});
        unwatch();
      }
    });
    for (const root of rootsOf(el)) {
      if (root.ownerDocument === document || root === document) {
        observer.observe(root, { subtree: true, childList: true });
      }
    }
    cleanup.push(() => observer.disconnect());
    watcher = { cleanup };
    if (options.scroll) scrollIntoViewOnce(el);
    return true;
  }

  function unwatch() {
    if (!watcher) return;
    for (const undo of watcher.cleanup.reverse()) undo();
    watcher = null;
  }

  // ---------------------------------------------------------------- waiting for a target

  // Python looks for a target that is not there yet with Playwright's locator. Between two
  // looks it waits here for the page's next change instead of polling from outside: arm(),
  // look, then waitForChange() resolves on the first DOM change (nodes, attributes, text)
  // in this document, its open shadow roots or any same-origin frame below it, on a frame's
  // load, or on an animation/transition ending (CSS can reveal an element), else after
  // capMs. A change between two waits is remembered, so none is missed. show(), hide() and
  // destroy() disarm; an armed watch nobody waits on disarms itself after EXPIRE_MS.
  const EXPIRE_MS = 3000;
  const WAKE_EVENTS = ["load", "animationend", "transitionend"];
  let changeWatch = null;

  // This document, every same-origin frame's document below it, and their open shadow roots.
  function changeRoots() {
    const roots = [];
    const visit = (win) => {
      let doc = null;
      try {
        doc = win.document;
      } catch (_) {
        return; // cross-origin: the cap covers it
      }
      if (!doc) return;
      roots.push(doc);
      const walker = doc.createTreeWalker(doc, NodeFilter.SHOW_ELEMENT);
      const stack = [walker];
      while (stack.length) {
        const node = stack[stack.length - 1].nextNode();
        if (!node) {
          stack.pop();
        } else if (node.shadowRoot && !isOurs(node)) {
          roots.push(node.shadowRoot);
          stack.push(doc.createTreeWalker(node.shadowRoot, NodeFilter.SHOW_ELEMENT));
        }
      }
      for (let i = 0; i < win.frames.length; i += 1) visit(win.frames[i]);
    };
    visit(window);
    return roots;
  }

  function observeChanges(state) {
    for (const root of changeRoots()) {
      if (state.observed.has(root)) continue;
      state.observed.add(root);
      state.observer.observe(root, {
        subtree: true, childList: true, attributes: true, characterData: true,
      });
      for (const type of WAKE_EVENTS) {
        root.addEventListener(type, state.onEvent, { capture: true, passive: true });
        state.cleanup.push(() => root.removeEventListener(type, state.onEvent, true));
      }
    }
  }

  function armChanges() {
    disarmChanges();
    const state = {
      changed: false, wake: null, expiry: 0, observed: new Set(), cleanup: [], observer: null,
      onEvent: () => changed(state),
    };
    state.observer = new MutationObserver((records) => {
      if (!records.every(onlyAboutUs)) changed(state);
    });
    changeWatch = state;
    observeChanges(state);
    state.expiry = setTimeout(disarmChanges, EXPIRE_MS);
    return true;
  }

  function changed(state) {
    state.changed = true;
    if (state.wake) state.wake();
  }

  // Resolves "changed", "timeout", or "unarmed" (this document was never armed: a new one).
  // After a change it still waits until notBeforeMs from the call (pages that change every
  // frame are then looked at less often).
  function waitForChange(capMs, notBeforeMs) {
    const state = changeWatch;
    if (!state) return Promise.resolve("unarmed");
    clearTimeout(state.expiry);
    observeChanges(state); // frames and shadow roots that appeared since
    return new Promise((resolve) => {
      const started = performance.now();
      let timer = 0;
      const finish = (why) => {
        clearTimeout(timer);
        state.wake = null;
        state.changed = false;
        if (changeWatch === state) state.expiry = setTimeout(disarmChanges, EXPIRE_MS);
        resolve(why);
      };
      const woken = () => {
        state.wake = null;
        const left = (notBeforeMs || 0) - (performance.now() - started);
        if (left <= 0) {
          finish("changed");
        } else {
          clearTimeout(timer);
          timer = setTimeout(() => finish("changed"), left);
        }
      };
      timer = setTimeout(() => finish("timeout"), Math.max(0, capMs));
      if (state.changed) woken();
      else state.wake = woken;
    });
  }

  function disarmChanges() {
    const state = changeWatch;
    if (!state) return;
    changeWatch = null;
    clearTimeout(state.expiry);
    state.observer.disconnect();
    for (const undo of state.cleanup) undo();
    if (state.wake) state.wake(); // a pending wait ends now ("changed": look again)
  }

  // ---------------------------------------------------------------- early outline
  //
  // expect(queries, options): the step's target may not be on the page yet. The in-page
  // matcher (match.js) looks for it at once, and from then on every frame in which this
  // document changed; the moment it is sure it found it, show() draws it (inside that
  // animation frame: the outline appears in the same frame as the target). Python still
  // looks with Playwright and confirms (show() of the same element: nothing happens) or
  // corrects (another element, dropGuess(), withdraw()). Costs nothing while the page does
  // not change; show(), hide(), destroy() and a new address end it.
  const EARLY_SLOW_MS = 8; // a matcher pass this slow (its budget ran out), ...
  const EARLY_SLOW_PASSES = 3; // ... this often, and the page waits for Python alone
  const EXPECT_CALL_BUDGET_MS = 40; // the look expect() makes at once (see there)
  let expectation = null;

  function expect(queries, rawOptions) {
    if (!isTopWindow) throw new Error("the overlay draws in the top document only");
    dropExpectation();
    const state = {
      queries: Array.isArray(queries) ? queries : [],
      options: normalise(rawOptions),
      href: location.href,
      rafId: 0,
      slow: 0,
      cleanup: [],
      observer: null,
    };
    const wake = () => {
      if (!state.rafId) state.rafId = requestAnimationFrame(() => lookEarly(state));
    };
    state.observer = new MutationObserver((records) => {
      if (!records.every(onlyAboutUs)) wake();
    });
    state.observer.observe(document, {
      subtree: true, childList: true, attributes: true, characterData: true,
    });
    for (const type of WAKE_EVENTS) listen(state.cleanup, document, type, wake, { capture: true, passive: true });
    expectation = state;
    // The target may be there already (a step just begun): look now, not a frame later,
    // quietly (Python may still find the step done). Once it is outlined, answer after the
    // frame that shows it: Python's next call (its own look, a long task here) would
    // otherwise hold that frame up. This one look may take longer than a frame's share: it
    // stands in for Python's, which takes longer still (and a matcher's first run in a
    // document is its slowest). Whatever goes wrong here, the answer is true: Python must
    // not take it for a missing overlay and ask again (a failure while drawing leaves
    // nothing armed; Python's looks then carry on alone for this step).
    try {
      return lookEarly(state, EXPECT_CALL_BUDGET_MS, true) ? afterNextFrame() : true;
    } catch (_) {
      return true;
    }
  }

  // Resolves once the next frame has been drawn (a message posted from an animation frame
  // callback runs after that frame's rendering), and after EXPECT_FRAME_CAP_MS at the
  // latest. At once in a hidden document (no frames come), and where the timers this
  // relies on are the page's own (installed after the page's scripts ran: see ownTimers).
  const EXPECT_FRAME_CAP_MS = 100;
  function afterNextFrame() {
    if (document.visibilityState !== "visible" || !ownTimers) return true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(true), EXPECT_FRAME_CAP_MS);
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          clearTimeout(timer);
          resolve(true);
        };
        channel.port2.postMessage(null);
      });
    });
  }

  // One look for the expected target; true when it was found and outlined.
  function lookEarly(state, budgetMs = EARLY_SLOW_MS, quiet = false) {
    state.rafId = 0;
    if (expectation !== state) return false;
    stats.earlyLooks += 1;
    if (location.href !== state.href) {
      dropExpectation(); // another address (a single-page app's route): Python decides
      return false;
    }
    const started = performance.now();
    const found = matcher.first(state.queries, isOurs, budgetMs);
    if (found instanceof Element) {
      show(found, state.options, true, quiet);
      send("early", state.options.showId, {});
      return true;
    }
    if (performance.now() - started > budgetMs && ++state.slow >= EARLY_SLOW_PASSES) {
      dropExpectation();
    }
    return false;
  }

  function dropExpectation() {
    const state = expectation;
    if (!state) return;
    expectation = null;
    if (state.rafId) cancelAnimationFrame(state.rafId);
    state.observer.disconnect();
    for (const undo of state.cleanup) undo();
  }

  // Python's look found nothing where the matcher drew step `showId` early: take it away.
  function dropGuess(showId) {
    if (current && current.early && current.showId === Number(showId)) {
      hide();
      return true;
    }
    return false;
  }

  // Python is done with the step(s) `showIds` were armed for, unconfirmed: end the
  // expectation, and take away an outline the matcher drew early for one of them.
  function withdraw(showIds) {
    dropExpectation();
    const ids = Array.isArray(showIds) ? showIds.map(Number) : [];
    if (current && current.early && ids.includes(current.showId)) hide();
  }

  const api = Object.freeze({
    show, hide, destroy, drawnBox, debugLayout, watch, unwatch,
    armChanges, waitForChange, disarmChanges, onSignal, waitForSignal,
    expect, dropGuess, withdraw, endExpectation: dropExpectation,
    // What the in-page matcher finds now (tests compare it with Playwright's locators;
    // `budgetMs`: how long it may look before it says "unsure").
    match: (queries, budgetMs) => matcher.first(queries, isOurs, budgetMs),
    // moving: an animation that can move the outlined target is running (the demo waits
    // for it to end before a picture; a pending one has not moved the target yet).
    stats: () => ({
      ...stats,
      scheduled: rafId !== 0,
      watchingChanges: changeWatch !== null,
      expecting: expectation !== null,
      early: Boolean(current && current.early),
      moving: movingAnimationRunning(),
    }),
    // Same origin as the top document, whose overlay is installed: it can draw our targets.
    reachesTop: () => {
      try {
        return Boolean(window.top[GLOBAL]);
      } catch (_) {
        return false;
      }
    },
  });
  Object.defineProperty(window, GLOBAL, {
    value: api, configurable: true, enumerable: false, writable: false,
  });
  return "installed";
}
