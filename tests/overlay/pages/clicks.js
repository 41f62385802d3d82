// Records what reached the page, so tests can prove the overlay never swallowed it.
window.pageClicks = [];
document.addEventListener("click", (event) => {
  window.pageClicks.push(event.target.id || event.target.localName);
});
