class LoginCard extends HTMLElement {
  connectedCallback() {
    const root = this.attachShadow({ mode: "open" });
    const style = document.createElement("style");
    style.textContent = ".pane { height: 120px; overflow: auto; border: 1px solid #8c959f; }"
      + ".pane div { height: 300px; padding-top: 150px; } button { padding: 8px 16px; }";
    const pane = document.createElement("div");
    pane.className = "pane";
    const inner = document.createElement("div");
    const button = document.createElement("button");
    button.id = "shadow-button";
    button.textContent = "Inside shadow";
    inner.append(button);
    pane.append(inner);
    root.append(style, pane);
  }
}
customElements.define("login-card", LoginCard);
