// P2P Leadership Companion: accessibility fixes for third-party markup (smallest overrides).
// 1. The theme's sidebar toggles (<summary> with only an icon) get an accessible name.
// 2. docutils marks the bibliography as role="list" but its entries as doc-biblioentry, which
//    ARIA does not allow inside a list: the entries become list items.
// 3. WCAG 2.5.3 "label in name": the theme's search buttons are named "Search" while they show
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
  function labelInName(root) {
    root.querySelectorAll("button.search-button-field[aria-label]").forEach(function (b) {
      b.removeAttribute("aria-label");
    });
    root.querySelectorAll(".theme-switch-button i.theme-switch[title]").forEach(function (i) {
      i.removeAttribute("title");
      i.setAttribute("aria-hidden", "true");
    });
  }
  function fix() { nameSummaries(document); fixCitationLists(document); labelInName(document); }
  document.addEventListener("DOMContentLoaded", fix);
})();
