// English and Spanish side by side, for translating, or as tabs (django-modeltranslation's).
// A file of its own, as the Content Security Policy refuses inline scripts; the layout lives in
// css/admin.css. Runs after the tabs are built: jQuery runs ready handlers in the order the
// scripts registered them, and this file comes after modeltranslation's.
django.jQuery(() => {
  const toggle = document.getElementById("translation-view-toggle");
  const form = toggle && toggle.form;
  if (!form || !form.querySelector(".ui-tabs-panel")) {
    return;
  }
  const STORED = "catalogue.translation-view";

  // Each panel is headed by its language's name, as its tab titles it.
  form.querySelectorAll(".ui-tabs-nav li[aria-controls]").forEach((tab) => {
    const panel = document.getElementById(tab.getAttribute("aria-controls"));
    const name = tab.querySelector("a");
    if (panel && name) {
      const caption = document.createElement("p");
      caption.className = "translation-language";
      caption.textContent = name.title;
      panel.prepend(caption);
    }
  });

  function show(sideBySide) {
    form.classList.toggle("translations-side-by-side", sideBySide);
    toggle.setAttribute("aria-pressed", String(sideBySide));
    // The tabs hide the other language from screen readers too; side by side, both are read.
    form.querySelectorAll(".ui-tabs-panel").forEach((panel) => {
      const hidden = !sideBySide && panel.style.display === "none";
      panel.setAttribute("aria-hidden", String(hidden));
    });
  }

  toggle.addEventListener("click", () => {
    const sideBySide = toggle.getAttribute("aria-pressed") !== "true";
    show(sideBySide);
    try {
      window.localStorage.setItem(STORED, sideBySide ? "side-by-side" : "tabs");
    } catch {
      // Storage refused (private browsing): the choice lasts for this page only.
    }
  });

  let stored = null;
  try {
    stored = window.localStorage.getItem(STORED);
  } catch {
    stored = null;
  }
  toggle.closest(".translation-view").hidden = false;
  show(stored === "side-by-side");
});
