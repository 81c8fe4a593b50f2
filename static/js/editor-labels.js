// The rich-text editor in the admin's language, with names for screen readers.
// django-prose-editor names its buttons in English, and names the current block type again
// whenever the cursor moves, so every name is looked up in the admin's JavaScript catalogue
// (jsi18n) as it appears. A file of its own: the Content Security Policy refuses inline scripts.
(() => {
  const NAMES = {
    paragraph: gettext("Paragraph"),
    Paragraph: gettext("Paragraph"),
    "heading 3": gettext("Subheading"),
    "Heading 3": gettext("Subheading"),
    "unordered list": gettext("Bulleted list"),
    "ordered list": gettext("Numbered list"),
    blockquote: gettext("Quotation"),
    bold: gettext("Bold"),
    italic: gettext("Italic"),
    "insert link": gettext("Insert link"),
    "remove link": gettext("Remove link"),
    undo: gettext("Undo"),
    redo: gettext("Redo"),
  };

  function relabel(editor) {
    editor.querySelectorAll(".prose-menubar [aria-label]").forEach((button) => {
      const name = NAMES[button.getAttribute("aria-label")];
      if (name && name !== button.getAttribute("aria-label")) {
        button.setAttribute("aria-label", name);
        button.setAttribute("title", name);
      }
    });
    editor.querySelectorAll(".prose-menubar__option > *").forEach((option) => {
      const name = NAMES[option.textContent];
      if (name && name !== option.textContent) {
        option.textContent = name;
      }
    });
  }

  // The toolbar is drawn after the editor says it is ready, and redrawn as the cursor moves.
  document.addEventListener("prose-editor:ready", (event) => {
    const editor = event.target.closest(".prose-editor");
    if (!editor) {
      return;
    }
    // The editable area stands for the hidden textarea: it takes that field's name and help.
    const textarea = event.target;
    const area = editor.querySelector(".ProseMirror[contenteditable]");
    const label = textarea.id && document.querySelector(`label[for="${textarea.id}"]`);
    if (area && label) {
      area.setAttribute("aria-label", label.textContent.replace(/:\s*$/, "").trim());
      if (textarea.hasAttribute("aria-describedby")) {
        area.setAttribute("aria-describedby", textarea.getAttribute("aria-describedby"));
      }
    }
    relabel(editor);
    new MutationObserver(() => relabel(editor)).observe(editor, {
      subtree: true,
      childList: true,
      attributeFilter: ["aria-label"],
    });
  });
})();
