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
    // A field that may be left empty gets a "clear all" mark, which Select2 puts inside the
    // list of chosen items, where screen readers would read it as one more item. Beside the
    // list it still works (Select2 listens on the whole box) and looks the same (it floats).
    const chosen = widget.querySelector("ul.select2-selection__rendered");
    if (chosen) {
      const besideList = () =>
        chosen.parentElement.querySelectorAll(":scope > .select2-selection__clear");
      // Select2 draws the list anew on every change, with a new mark if anything is chosen;
      // the one moved out before then holds stale data, and Select2 reads the first it finds.
      const moveClearMark = (changes = []) => {
        const fresh = chosen.querySelectorAll(":scope > .select2-selection__clear");
        if (fresh.length || changes.some((change) => change.addedNodes.length)) {
          besideList().forEach((stale) => stale.remove());
        }
        fresh.forEach((mark) => chosen.before(mark));
      };
      moveClearMark();
      new MutationObserver(moveClearMark).observe(chosen, { childList: true });
    }
  });

  const languageSwitch = document.getElementById("modeltranslation-main-switch");
  const switchName = document.querySelector("[data-language-switch-label]");
  if (languageSwitch && switchName) {
    languageSwitch.setAttribute("aria-label", switchName.dataset.languageSwitchLabel);
  }
});
