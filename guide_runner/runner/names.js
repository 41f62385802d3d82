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
  const nameOf = (el) => {
    const aria = el.getAttribute("aria-label");
    if (aria) return aria;
    const by = el.getAttribute("aria-labelledby");
    if (by) {
      return by.split(/\s+/).map((id) => document.getElementById(id))
        .filter(Boolean).map((n) => n.textContent).join(" ");
    }
    if (el.tagName === "INPUT") {
      const type = (el.getAttribute("type") || "text").toLowerCase();
      // Buttons are named by their value; a text field's value is never read.
      if (["submit", "button", "reset"].includes(type)) return el.getAttribute("value");
      if (el.labels && el.labels.length) return el.labels[0].textContent;
      return el.getAttribute("placeholder") || el.getAttribute("title") || el.id;
    }
    return el.getAttribute("title") || el.textContent;
  };
  const selector = "a[href], button, summary, h1, h2, h3, h4, label, legend, " +
    "input:not([type=hidden]), [role=button], [role=link], [role=checkbox], [role=menuitem], " +
    "[role=tab], [role=dialog], [role=heading]";
  for (const el of document.querySelectorAll(selector)) {
    if (out.length >= limit) break;
    if (!visible(el)) continue;
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
