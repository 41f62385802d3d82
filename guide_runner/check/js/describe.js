// Describe an element as a person would recognise it: tag#id.class "text".
// Reads no input values (only labels and visible text of non-input elements).
(el) => {
  const parts = [el.tagName.toLowerCase()];
  if (el.id) parts.push("#" + el.id);
  const classes = Array.from(el.classList || []).slice(0, 2);
  if (classes.length) parts.push("." + classes.join("."));
  let text = el.getAttribute("aria-label") || "";
  const tag = el.tagName.toLowerCase();
  if (!text && tag === "input") {
    const type = (el.getAttribute("type") || "text").toLowerCase();
    if (["submit", "button", "reset"].includes(type)) text = el.getAttribute("value") || "";
  } else if (!text && tag !== "textarea" && tag !== "select") {
    text = (el.innerText || el.textContent || "").replace(/\s+/g, " ").trim();
  }
  if (text.length > 60) text = text.slice(0, 57) + "…";
  return parts.join("") + (text ? ` "${text}"` : "");
}
