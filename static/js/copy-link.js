// Progressive enhancement: the link above always works; this adds a one-click copy.
document.querySelectorAll(".copy-link").forEach(function (button) {
  if (!navigator.clipboard) return;
  var status = button.parentElement.querySelector(".copy-link__status");
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(button.dataset.copy).then(function () {
      if (status) status.textContent = button.dataset.copied;
    });
  });
});
