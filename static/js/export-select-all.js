// The spreadsheet export page's "Select all" box ticks or clears every field at once. It lives
// in a file of its own because the Content Security Policy refuses inline scripts and handlers.
document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.getElementById("select-all-fields");
  if (!toggle) {
    return;
  }
  toggle.addEventListener("change", () => {
    const boxes = document.querySelectorAll(".selectable-field-export-row input[type=checkbox]");
    boxes.forEach((box) => {
      box.checked = toggle.checked;
    });
  });
});
