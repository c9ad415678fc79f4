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
    // Font Awesome's script may already have turned the <i> into an <svg> carrying a <title>
    // (it races with this script), so both forms are made decorative.
    root.querySelectorAll(".theme-switch-button .theme-switch").forEach(function (icon) {
      icon.removeAttribute("title");
      icon.removeAttribute("aria-labelledby");
      icon.removeAttribute("role");
      icon.querySelectorAll("title").forEach(function (t) { t.remove(); });
      icon.setAttribute("aria-hidden", "true");
    });
  }
  function fix() { nameSummaries(document); fixCitationLists(document); labelInName(document); }
  function watchThemeButton() {
    // Re-apply when the icon font script swaps the button's icons after this script ran.
    document.querySelectorAll(".theme-switch-button").forEach(function (b) {
      new MutationObserver(function () { labelInName(document); })
        .observe(b, { childList: true, subtree: true });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { fix(); watchThemeButton(); });
  window.addEventListener("load", fix);
})();
