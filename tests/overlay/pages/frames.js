// The cross-origin child comes from the other local origin given in ?other=.
const other = new URLSearchParams(location.search).get("other");
if (other) document.getElementById("cross").src = `${other}/frame-child.html`;
