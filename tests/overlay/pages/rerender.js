// A framework-like re-render: every 300 ms the button is replaced by a new node, moved a
// little each time, so a stale highlight would be visibly wrong.
window.renders = 0;
function render() {
  const app = document.getElementById("app");
  const shift = (window.renders % 3) * 24;
  const wrapper = document.createElement("div");
  wrapper.style.paddingLeft = `${shift}px`;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "primary";
  button.textContent = "Approve invoice";
  wrapper.append(button);
  app.replaceChildren(wrapper);
  window.renders += 1;
}
render();
setInterval(render, 300);
