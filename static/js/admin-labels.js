// Names, for screen readers, of the controls that the admin's autocompletes (Select2) and the
// tabs' language switch (django-modeltranslation) draw without one: each takes its field's
// label, the switch the text the change form gives it. A file of its own, as the Content
// Security Policy refuses inline scripts; it runs after the autocompletes and tabs are drawn.
django.jQuery(() => {
  document.querySelectorAll("select.admin-autocomplete").forEach((select) => {
    const label = select.id && document.querySelector(`label[for="${select.id}"]`);
    const widget = select.nextElementSibling;
    if (!label || !widget || !widget.classList.contains("select2")) {
      return;
    }
    const name = label.textContent.replace(/:\s*$/, "").trim();
    const controls = widget.querySelectorAll(
      ".select2-selection, .select2-search__field, .select2-selection--single [role=textbox]",
    );
    controls.forEach((control) => {
      control.setAttribute("aria-label", name);
    });
  });

  const languageSwitch = document.getElementById("modeltranslation-main-switch");
  const switchName = document.querySelector("[data-language-switch-label]");
  if (languageSwitch && switchName) {
    languageSwitch.setAttribute("aria-label", switchName.dataset.languageSwitchLabel);
  }
});
