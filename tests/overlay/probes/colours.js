// Test probe (run with the overlay's shadow root open): for each piece of text in the
// bubble, its colour and the colour of the nearest opaque background behind it.
(host) => {
  const root = host.shadowRoot;
  const opaqueBackground = (el) => {
    for (let node = el; node; node = node.parentElement) {
      const colour = getComputedStyle(node).backgroundColor;
      if (!/rgba\(.*,\s*0\)$/.test(colour) && colour !== "transparent") return colour;
    }
    return "rgb(255, 255, 255)";
  };
  return Array.from(root.querySelectorAll(".gr-step, .gr-title, .gr-text, .gr-button, .gr-cant-find"))
    .filter((el) => !el.hidden && el.textContent)
    .map((el) => ({
      name: `${el.className} ${el.textContent}`,
      fg: getComputedStyle(el).color,
      bg: opaqueBackground(el),
      size: parseFloat(getComputedStyle(el).fontSize),
    }));
}
