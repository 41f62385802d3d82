document.getElementById("open").addEventListener("click", () => {
  document.getElementById("dialog").showModal();
});
