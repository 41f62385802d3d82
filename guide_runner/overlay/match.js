// The overlay's in-page matcher: finds a step's target in the top document the moment it
// appears, so the outline is drawn in the same frame as the target instead of after a round
// trip through Python (issue 7: highlight latency).
//
// It is a second opinion, never the authority. Python's Playwright locator still decides;
// when it disagrees, the overlay moves or takes the early outline away. So the matcher only
// answers where it can be *sure* it agrees with Playwright 1.65 (`getByRole` with a name,
// `locator(css)`, `getByTestId`, each `.filter({visible: true})`, first candidate with
// exactly one match wins, as guide_runner/locate.py resolves). Anything it does not model
// (aria-labelledby, labels, CSS generated content, open shadow roots, embedded fields, ...)
// makes it say "unsure", and the overlay waits for Python as before.
//
// It never reads what a person typed: a field inside a name makes it unsure before its
// value is looked at, and only button-type inputs' values (their captions) are read.
//
// One function expression; overlay.js receives the object it returns.
() => {
  "use strict";
  const UNSURE = "unsure";
  class Unsure extends Error {}
  const unsure = () => {
    throw new Unsure();
  };

  // Playwright's list of roles (roleUtils validRoles): the first of these in `role` counts.
  const VALID_ROLES = new Set((
    "alert alertdialog application article banner blockquote button caption cell checkbox " +
    "code columnheader combobox complementary contentinfo definition deletion dialog " +
    "directory document emphasis feed figure form generic grid gridcell group heading img " +
    "insertion link list listbox listitem log main mark marquee math meter menu menubar " +
    "menuitem menuitemcheckbox menuitemradio navigation none note option paragraph " +
    "presentation progressbar radio radiogroup region row rowgroup rowheader scrollbar " +
    "search searchbox separator slider spinbutton status strong subscript superscript " +
    "switch tab table tablist tabpanel term textbox time timer toolbar tooltip tree " +
    "treegrid treeitem").split(" "));
  // The roles whose every implicit source is modelled here: the elements that can have it
  // without a role attribute (Playwright's kImplicitRoleByTagName).
  const IMPLICIT_SOURCES = {
    button: "button, input",
    checkbox: "input",
    link: "a[href], area[href]",
    heading: "h1, h2, h3, h4, h5, h6",
    dialog: "dialog",
    menuitem: "",
    tab: "",
    switch: "",
    menuitemcheckbox: "",
    menuitemradio: "",
  };
  const INPUT_ROLES = {
    button: "button", image: "button", reset: "button", submit: "button", file: "button",
    checkbox: "checkbox",
  };
  // Roles named from their content (Playwright's allowsNameFromContent, the target's own).
  const NAMED_FROM_CONTENT = new Set([
    "button", "checkbox", "heading", "link", "menuitem", "menuitemcheckbox", "menuitemradio",
    "switch", "tab",
  ]);
  // Inside a name: roles whose content counts (a descendant), by the same function.
  const CONTENT_OF_DESCENDANT = new Set([
    "", "none", "presentation", "button", "checkbox", "heading", "link", "menuitem", "menuitemcheckbox",
    "menuitemradio", "switch", "tab", "caption", "code", "contentinfo", "definition",
    "deletion", "emphasis", "insertion", "list", "listitem", "mark", "paragraph", "region",
    "row", "rowgroup", "section", "strong", "subscript", "superscript", "table", "term",
    "time", "cell", "columnheader", "gridcell", "option", "radio", "rowheader", "tooltip",
    "treeitem",
  ]);
  // Never looked into: fields (typed text), replaced and composite elements.
  const OPAQUE_TAGS = new Set([
    "INPUT", "TEXTAREA", "SELECT", "BUTTON", "IMG", "SVG", "svg", "FIELDSET", "FIGURE",
    "TABLE", "AREA", "OUTPUT", "METER", "PROGRESS", "SLOT", "IFRAME", "FRAME", "OBJECT",
    "EMBED", "VIDEO", "AUDIO", "CANVAS", "DETAILS", "SUMMARY", "LABEL", "math", "MATH",
  ]);
  const IGNORED_TAGS = new Set(["STYLE", "SCRIPT", "NOSCRIPT", "TEMPLATE"]);

  const ZERO_WIDTH = /[\u200b\u00ad]/g;
  const HTML_NS = "http://www.w3.org/1999/xhtml";
  // Playwright's elementSafeTagName: an SVG <a> is "A" too.
  const tagOf = (el) => el.tagName.toUpperCase();
  const normalize = (s) => {
    const visible = s.includes("\u200b") || s.includes("\u00ad") ? s.replace(ZERO_WIDTH, "") : s;
    return visible.trim().replace(/\s+/g, " ");
  };
  const style = (el, pseudo) => el.ownerDocument.defaultView.getComputedStyle(el, pseudo);

  function explicitRole(el) {
    const attribute = el.getAttribute("role");
    if (!attribute) return null;
    const roles = attribute.toLowerCase().split(" ").map((r) => r.trim());
    return roles.find((r) => VALID_ROLES.has(r)) || null;
  }

  // A possible target's role, for a wanted `role` whose implicit sources are all modelled:
  // `role` itself, something else, or unsure (roleUtils computeAriaRole).
  function isImplicitSource(el, role) {
    const tag = tagOf(el);
    if (role === "link") return (tag === "A" || tag === "AREA") && el.hasAttribute("href");
    if (role === "button") return tag === "BUTTON" || tag === "INPUT";
    if (role === "checkbox") return tag === "INPUT";
    if (role === "heading") return /^H[1-6]$/.test(tag);
    if (role === "dialog") return tag === "DIALOG";
    return false;
  }

  function targetRole(el, role) {
    const explicit = explicitRole(el);
    const source = isImplicitSource(el, role);
    if (explicit === "none" || explicit === "presentation") {
      // Focusable elements and those with global aria attributes keep their implicit role.
      return source ? unsure() : explicit;
    }
    if (explicit) return explicit;
    if (!source) return null; // every element that could have `role` implicitly is a source
    if (el.namespaceURI !== HTML_NS) return unsure(); // an SVG <a href>, say
    const tag = el.tagName;
    if (tag === "INPUT") return INPUT_ROLES[el.type] || null;
    if (tag === "A" || tag === "AREA") return "link";
    if (tag === "BUTTON") return "button";
    if (tag === "DIALOG") return "dialog";
    if (/^H[1-6]$/.test(tag)) return "heading";
    return unsure(); // an SVG <a href>, say
  }

  // Inside a name, an element's role decides whether its content counts.
  const GENERIC_ROLES = {
    DIV: "", SPAN: "", B: "", I: "", U: "", S: "", SMALL: "", ABBR: "", Q: "", CITE: "",
    PRE: "", WBR: "", BR: "", BDI: "", BDO: "", KBD: "", SAMP: "", VAR: "", DATA: "",
    RUBY: "", RT: "", RP: "", A: "", FONT: "", CENTER: "", BIG: "", TT: "",
    P: "paragraph", EM: "emphasis", STRONG: "strong", LI: "listitem", UL: "list", OL: "list",
    CODE: "code", MARK: "mark", SUB: "subscript", SUP: "superscript", TIME: "time",
    DEL: "deletion", INS: "insertion", DFN: "term", H1: "heading", H2: "heading",
    H3: "heading", H4: "heading", H5: "heading", H6: "heading", NAV: "navigation",
    MAIN: "main", ARTICLE: "article", ASIDE: "complementary", BLOCKQUOTE: "blockquote",
  };

  const isPresentational = (role) => role === "none" || role === "presentation";

  // Playwright gives a none/presentation element its implicit role back when it is
  // focusable or has a global aria-* attribute (hasPresentationConflictResolution).
  function mayResolveConflict(el) {
    if (el.hasAttribute("tabindex")) return true;
    for (const name of el.getAttributeNames()) if (name.startsWith("aria-")) return true;
    return false;
  }

  function descendantRole(el) {
    const explicit = explicitRole(el);
    const tag = el.tagName;
    if (tag === "A" && el.hasAttribute("href")) {
      return explicit && !isPresentational(explicit) ? explicit : "link"; // focusable
    }
    const implicit = Object.prototype.hasOwnProperty.call(GENERIC_ROLES, tag)
      ? GENERIC_ROLES[tag] : unsure();
    if (isPresentational(explicit)) return implicit || mayResolveConflict(el) ? unsure() : explicit;
    return explicit || implicit;
  }

  // Playwright's isElementStyleVisibilityVisible.
  function styleVisible(el, s) {
    return el.checkVisibility() && s.visibility === "visible";
  }

  // Playwright's isElementVisible (the `visible: true` filter).
  function visible(el) {
    const s = style(el);
    if (s.display === "contents") unsure();
    if (!styleVisible(el, s)) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  }

  // Playwright's isElementHiddenForAria for an element that is visible: aria-hidden on it or
  // an ancestor (the document has no open shadow root here, see below).
  function ariaHidden(el) {
    for (let e = el; e; e = e.parentElement) {
      if ((e.getAttribute("aria-hidden") || "").toLowerCase() === "true") return true;
    }
    return false;
  }

  // A child inside a name: hidden ones contribute nothing (Playwright's isElementHiddenForAria).
  function hiddenChild(el) {
    if (IGNORED_TAGS.has(el.tagName)) return true;
    const s = style(el);
    if (s.display === "contents") unsure();
    if (!styleVisible(el, s)) return true;
    return (el.getAttribute("aria-hidden") || "").toLowerCase() === "true";
  }

  // No generated text (::before/::after content, or content replacing the element's own).
  // Asking each element for its ::before and ::after styles is most of the cost on a big
  // page (2,000 links: ~20 ms). So the document's style sheets are read once per look: the
  // elements any rule could give `content` to (a superset: pseudo-classes, media queries and
  // later rules are ignored) are the only ones that can have generated text. null when a
  // sheet cannot be read (another origin) or uses nesting: then each element is asked.
  let contentHolders = null;
  const PSEUDO_ELEMENT = /::?(before|after)\b/gi;

  // The selector's elements that may hold generated content: "::before" after a combinator
  // (or alone) stands for any element there. null for what is not split or rewritten
  // safely here (escapes and strings, where "," and "::before" may be text).
  function holderSelectors(selectorText) {
    if (/[\\"']/.test(selectorText)) return null;
    // A "," inside :is(...) splits it into invalid halves: querySelectorAll throws, and
    // the caller asks each element instead.
    return selectorText.split(",").map((part) => part
      .replace(/(^|[\s>+~(])::?(before|after)\b/gi, "$1*")
      .replace(PSEUDO_ELEMENT, "")
      .trim() || "*");
  }

  const GROUPING_RULES = ["CSSMediaRule", "CSSSupportsRule", "CSSLayerBlockRule", "CSSContainerRule"];

  function contentRuleSelectors(rules, out) {
    for (const rule of rules) {
      if (rule instanceof CSSStyleRule) {
        if (rule.cssRules && rule.cssRules.length) return false; // nesting: not modelled
        const content = rule.style.getPropertyValue("content").trim();
        if (content && content !== "none" && content !== "normal") {
          const selectors = holderSelectors(rule.selectorText);
          if (!selectors) return false;
          out.push(...selectors);
        }
      } else if (rule instanceof CSSImportRule) {
        const imported = rule.styleSheet && readRules(rule.styleSheet);
        if (!imported || !contentRuleSelectors(imported, out)) return false;
      } else if (GROUPING_RULES.some((type) => window[type] && rule instanceof window[type])) {
        if (!contentRuleSelectors(rule.cssRules, out)) return false;
      } else if (rule.cssRules) {
        return false; // @scope, @starting-style, ...: not modelled
      }
    }
    return true;
  }

  function readRules(sheet) {
    try {
      return sheet.cssRules;
    } catch (_) {
      return null;
    }
  }

  function findContentHolders() {
    const selectors = ['[style*="content" i]'];
    for (const sheet of [...document.styleSheets, ...document.adoptedStyleSheets]) {
      const rules = readRules(sheet);
      if (!rules || !contentRuleSelectors(rules, selectors)) return null;
    }
    try {
      return new Set(document.querySelectorAll(selectors.join(", ")));
    } catch (_) {
      return null; // a selector only the style sheet's parser accepts
    }
  }

  // Elements that can host a shadow root (attachShadow): a closed one, invisible from here,
  // can style its host's ::before with a sheet not in document.styleSheets.
  const SHADOW_HOST_TAGS = new Set([
    "ARTICLE", "ASIDE", "BLOCKQUOTE", "BODY", "DIV", "FOOTER", "H1", "H2", "H3", "H4", "H5",
    "H6", "HEADER", "MAIN", "NAV", "P", "SECTION", "SPAN",
  ]);
  const mayHostShadow = (el) => SHADOW_HOST_TAGS.has(el.tagName) || el.tagName.includes("-");

  function noGeneratedContent(el) {
    if (contentHolders && !contentHolders.has(el) && !mayHostShadow(el)) return;
    for (const pseudo of ["::before", "::after", null]) {
      const content = style(el, pseudo).content;
      if (content && content !== "none" && content !== "normal") unsure();
    }
  }

  // (Setting el.ariaLabelledByElements from script also sets the attribute, to "".)
  function hasOwnLabelling(el) {
    return el.hasAttribute("aria-labelledby") || el.hasAttribute("aria-owns");
  }

  // The text a subtree gives a name (Playwright's innerAccumulatedElementText), for the
  // elements modelled; untrimmed like Playwright's, so spacing between tokens is the same.
  function contentText(el) {
    if (el.shadowRoot) unsure();
    noGeneratedContent(el);
    let text = "";
    for (let child = el.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === Node.TEXT_NODE) {
        text += child.data;
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        let token = descendantName(child);
        if (style(child).display !== "inline" || child.tagName === "BR") token = ` ${token} `;
        text += token;
      }
    }
    return text;
  }

  function descendantName(el) {
    if (hiddenChild(el)) return "";
    if (el.isContentEditable) unsure(); // typed text: never read
    if (el.tagName === "svg" && el.namespaceURI === "http://www.w3.org/2000/svg") return svgName(el);
    if (OPAQUE_TAGS.has(el.tagName) || hasOwnLabelling(el) || el.ownerSVGElement) unsure();
    // The role first: Playwright reads an embedded field's value before its aria-label.
    const role = descendantRole(el);
    if (!CONTENT_OF_DESCENDANT.has(role)) unsure();
    const label = el.getAttribute("aria-label") || "";
    if (label.trim()) return label;
    const text = contentText(el);
    if (text || isPresentational(role)) return text; // no title for a presentational one
    const title = el.getAttribute("title") || "";
    return title.trim() ? title : "";
  }

  // An icon inside a name: its aria-label or title attribute (an <svg> is an "img", which
  // takes no name from its content); a <title> child or a role of its own: unsure.
  function svgName(el) {
    if (hasOwnLabelling(el) || el.hasAttribute("role")) unsure();
    const label = el.getAttribute("aria-label") || "";
    if (label.trim()) return label;
    for (const child of el.children) if (child.tagName === "title") unsure();
    const title = el.getAttribute("title") || "";
    return title.trim() ? title : "";
  }

  // The accessible name of a visible element with role `role` (Playwright's
  // getElementAccessibleName), or unsure.
  function nameOf(el, role) {
    if (hasOwnLabelling(el)) unsure();
    const label = el.getAttribute("aria-label") || "";
    if (label.trim()) return label;
    // Images, fields, fieldsets, figures, tables, <details>, SVG and MathML are named by
    // rules of their own (alt, legend, caption, ...): not modelled, whatever their role.
    const tag = el.tagName;
    if (el.namespaceURI !== HTML_NS || (OPAQUE_TAGS.has(tag) && tag !== "INPUT" && tag !== "BUTTON")) {
      unsure();
    }
    // What is typed into an editable region is never read.
    if (el.isContentEditable) unsure();
    const title = el.getAttribute("title") || "";
    if (el.tagName === "INPUT") {
      if (["button", "submit", "reset"].includes(el.type)) {
        const value = el.value || ""; // a button's caption, not something typed
        if (value.trim()) return value;
        return el.type === "submit" ? "Submit" : el.type === "reset" ? "Reset" : title;
      }
      if (el.type !== "checkbox" || (el.labels && el.labels.length)) unsure();
      return title;
    }
    if (el.tagName === "BUTTON" && el.labels && el.labels.length) unsure();
    if (el.ownerSVGElement) unsure();
    if (NAMED_FROM_CONTENT.has(role)) {
      const text = contentText(el).trim();
      if (text) return text;
    }
    return title.trim() ? title : "";
  }

  // Playwright's rule: whitespace normalised on both sides; exact is case-sensitive and
  // whole, otherwise a case-insensitive substring. `want` is prepared by wantedName().
  function wantedName(wanted, exact) {
    const want = normalize(wanted);
    return exact ? want : want.toUpperCase();
  }

  function nameMatches(name, want, exact) {
    const have = normalize(name);
    return exact ? have === want : have.toUpperCase().includes(want);
  }

  function byRole(query) {
    const role = String(query.role || "");
    if (!Object.prototype.hasOwnProperty.call(IMPLICIT_SOURCES, role)) unsure();
    const sources = [IMPLICIT_SOURCES[role], "[role]"].filter(Boolean).join(", ");
    const found = [];
    const want = query.name == null ? null : wantedName(String(query.name), query.exact);
    let n = 0;
    for (const el of document.querySelectorAll(sources)) {
      if ((n++ & 63) === 0) overBudget();
      if (targetRole(el, role) !== role) continue;
      // The name before the styles of layout (cheaper, and it rules most elements out); a
      // name this matcher cannot work out matters only for an element that is visible.
      if (want !== null) {
        let matches;
        try {
          matches = nameMatches(nameOf(el, role), want, query.exact);
        } catch (error) {
          if (!(error instanceof Unsure) || !visible(el) || ariaHidden(el)) continue;
          throw error;
        }
        if (!matches) continue;
      }
      if (visible(el) && !ariaHidden(el)) found.push(el);
    }
    return found;
  }

  // Selector syntax Chromium accepts and Playwright's CSS parser rejects or reads otherwise
  // (nesting "&", namespaces "|", comments, forgiving :is()/:where(), :has(:scope), ">>").
  const PLAYWRIGHT_READS_OTHERWISE = /&|\|(?!=)|\/\*|\*\/|:is\(|:where\(|:scope|::|>>/i;

  function bySelector(selector) {
    if (PLAYWRIGHT_READS_OTHERWISE.test(selector)) unsure();
    let all;
    try {
      all = document.querySelectorAll(selector);
    } catch (_) {
      unsure(); // Playwright's own selector syntax (text=, xpath=, >>, :has-text, ...)
    }
    return [...all].filter(visible);
  }

  function matchOne(query) {
    if (query.kind === "role") return byRole(query);
    if (query.kind === "css") return bySelector(String(query.css));
    if (query.kind === "test_id") {
      return bySelector(`[data-testid="${CSS.escape(String(query.testId))}"]`);
    }
    return unsure();
  }

  // Playwright's locators look into open shadow roots; this matcher does not, so a document
  // with one (other than `isOurs`, the overlay's own) is not one it can be sure about.
  function hasForeignShadowRoot(isOurs) {
    const walker = document.createTreeWalker(document, NodeFilter.SHOW_ELEMENT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.shadowRoot && !isOurs(node)) return true;
    }
    return false;
  }

  // The first query matching exactly one visible element wins (locate.resolve's rule):
  // that element; null when none does; "unsure" when this matcher cannot tell.
  // A look that has not answered within `budgetMs` (default half a frame) gives up
  // ("unsure"): it runs in the person's page, in an animation frame, and Python's look will
  // find the target anyway.
  const BUDGET_MS = 8;
  let deadline = 0;

  function overBudget() {
    if (performance.now() > deadline) unsure();
  }

  function first(queries, isOurs, budgetMs = BUDGET_MS) {
    deadline = performance.now() + budgetMs;
    try {
      if (!Array.isArray(queries) || queries.length === 0) return UNSURE;
      if (document.contentType !== "text/html" || hasForeignShadowRoot(isOurs)) return UNSURE;
      contentHolders = findContentHolders();
      for (const query of queries) {
        const found = matchOne(query || {});
        if (found.length === 1) return found[0];
      }
      return null;
    } catch (error) {
      if (error instanceof Unsure) return UNSURE;
      throw error;
    } finally {
      contentHolders = null;
    }
  }

  return Object.freeze({ first, UNSURE });
}
