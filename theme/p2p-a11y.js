// P2P Leadership Companion: accessibility fixes for third-party markup (smallest overrides).
// 1. The theme's sidebar toggles (<summary> with only an icon) get an accessible name.
// 2. ipywidgets sliders rendered on the static page get an aria-label from their description.
// 3. docutils marks the bibliography as role="list" but its entries as doc-biblioentry, which
//    ARIA does not allow inside a list: the entries become list items.
// 4. WCAG 2.5.3 "label in name": the theme's search buttons are named "Search" while they show
//    "Search Ctrl+K" (their own text now names them), and the colour-mode button's icons carry
//    titles ("Light", "Dark") that are not in its name "Color mode" (the icons become decorative).
(function () {
  function fixCitationLists(root) {
    root.querySelectorAll('.citation-list[role="list"] > [role="doc-biblioentry"]').forEach(function (e) {
      e.setAttribute("role", "listitem");
    });
  }
  function nameSummaries(root) {
    root.querySelectorAll("summary").forEach(function (s) {
      if (!s.textContent.trim() && !s.getAttribute("aria-label")) {
        var link = s.parentElement && s.parentElement.parentElement &&
          s.parentElement.parentElement.querySelector(":scope > a");
        var what = link ? link.textContent.trim() : "this section";
        s.setAttribute("aria-label", "Show or hide the pages under " + what);
      }
    });
  }
  function labelSliders(root) {
    root.querySelectorAll(".widget-slider, .jupyter-widget-slider, .widget-inline-hbox").forEach(function (box) {
      var label = box.querySelector(".widget-label, label");
      var text = label ? label.textContent.trim() : "";
      box.querySelectorAll("[role=slider]").forEach(function (h) {
        if (!h.getAttribute("aria-label")) { h.setAttribute("aria-label", text || "slider"); }
      });
      box.querySelectorAll("input:not([aria-label])").forEach(function (i) {
        if (text && !i.labels?.length) { i.setAttribute("aria-label", text); }
      });
    });
  }
  function labelInName(root) {
    root.querySelectorAll("button.search-button-field[aria-label]").forEach(function (b) {
      b.removeAttribute("aria-label");
    });
    root.querySelectorAll(".theme-switch-button i.theme-switch[title]").forEach(function (i) {
      i.removeAttribute("title");
      i.setAttribute("aria-hidden", "true");
    });
  }
  function fix() { nameSummaries(document); labelSliders(document); fixCitationLists(document); labelInName(document); }
  document.addEventListener("DOMContentLoaded", fix);
  new MutationObserver(function () { labelSliders(document); })
    .observe(document.documentElement, { childList: true, subtree: true });
})();
