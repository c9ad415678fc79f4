/* Draw every interactive figure on a page of the published site (static scenes, no kernel). */
(function () {
  "use strict";
  if (typeof window.d3 === "undefined" || typeof p2pfigFactory === "undefined") {
    console.error("p2pfig: d3 or the figure component did not load; figures show their text fallback.");
    return;
  }
  window.P2PFig = p2pfigFactory(window.d3);
  function start() { window.P2PFig.mountAll(document); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
