// Read-only: the roles and accessible-ish names of visible controls and headings, for the
// runner's drift notes ("what was found instead"). Returns names, never field values.
(limit) => {
  const ROLE_OF = {
    A: "link", BUTTON: "button", H1: "heading", H2: "heading", H3: "heading", H4: "heading",
    SUMMARY: "button", LABEL: "label", LEGEND: "label",
  };
  const seen = new Set();
  const out = [];
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return false;
    const s = getComputedStyle(el);
    return s.visibility !== "hidden" && s.display !== "none";
  };
  const clean = (t) => (t || "").replace(/\s+/g, " ").trim().slice(0, 120);
  // What the person types lives in fields and editable regions (and pages copy it into
  // their text: React sets a textarea's defaultValue), so their subtrees are never read.
  const FIELD = "input, textarea, select, [contenteditable]:not([contenteditable=false i])";
  const typedIn = (el) =>
    el.isContentEditable || !!(el.parentElement && el.parentElement.closest(FIELD));
  // textContent without the text inside fields and editable regions.
  const textOf = (root) => {
    if (!root || root.isContentEditable || root.matches(FIELD)) return "";
    const show = NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT;
    const walker = document.createTreeWalker(root, show, {
      acceptNode: (n) => n.nodeType === Node.TEXT_NODE ? NodeFilter.FILTER_ACCEPT
        : n.matches(FIELD) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP,
    });
    let text = "";
    while (walker.nextNode()) text += walker.currentNode.data;
    return text;
  };
  const nameOf = (el) => {
    const aria = el.getAttribute("aria-label");
    if (aria) return aria;
    const by = el.getAttribute("aria-labelledby");
    if (by) {
      return by.split(/\s+/).map((id) => document.getElementById(id))
        .filter(Boolean).map(textOf).join(" ");
    }
    if (el.tagName === "INPUT") {
      const type = (el.getAttribute("type") || "text").toLowerCase();
      // Buttons are named by their value; a text field's value is never read.
      if (["submit", "button", "reset"].includes(type)) return el.getAttribute("value");
      if (el.labels && el.labels.length) return textOf(el.labels[0]);
      return el.getAttribute("placeholder") || el.getAttribute("title") || el.id;
    }
    return el.getAttribute("title") || textOf(el);
  };
  const selector = "a[href], button, summary, h1, h2, h3, h4, label, legend, " +
    "input:not([type=hidden]), [role=button], [role=link], [role=checkbox], [role=menuitem], " +
    "[role=tab], [role=dialog], [role=heading]";
  for (const el of document.querySelectorAll(selector)) {
    if (out.length >= limit) break;
    if (typedIn(el) || !visible(el)) continue;
    const role = el.getAttribute("role") ||
      (el.tagName === "INPUT" ? (["submit", "button", "reset"].includes(
        (el.getAttribute("type") || "").toLowerCase()) ? "button" : "field") : ROLE_OF[el.tagName]) ||
      el.tagName.toLowerCase();
    const name = clean(nameOf(el));
    if (!name) continue;
    const key = role + "\u0000" + name;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ role, name });
  }
  return out;
}
