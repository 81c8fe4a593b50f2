// The language tabs of translated fields (django-modeltranslation's, drawn by jQuery UI) as one
// control each. jQuery UI makes each list item the tab, focused and driven by the keyboard, and
// leaves inside it a link to its panel, out of the tab order but still focusable: a control
// inside a control, which assistive technologies may land on or announce twice. Once the tabs
// are built the links lose their address, so only the tab remains; jQuery UI reads the
// addresses again whenever it rebuilds, and a link clicked still opens its panel.
// A file of its own, as the Content Security Policy refuses inline scripts. It extends the
// widget when loaded, before the ready handlers build any tabs, those of inlines added later
// included.
(($) => {
  $.widget("ui.tabs", $.ui.tabs, {
    _processTabs() {
      this.tablist?.find(".ui-tabs-anchor:not([href])").each((_index, link) => {
        link.setAttribute("href", `#${link.closest("li").getAttribute("aria-controls")}`);
      });
      this._super();
      this.anchors.removeAttr("href");
    },

    // Every panel is on the page: a tab whose link has no address is no panel to download.
    _isLocal(anchor) {
      return !anchor.hasAttribute("href") || this._super(anchor);
    },
  });
})(django.jQuery);
