// Tell require.js where the self-hosted widget bundles live, so that the fonts and chunks
// they load are fetched from this site's _static/widgets/ folder (never from a CDN, and
// never relative to the page's own folder).
(function () {
  var here = document.currentScript && document.currentScript.src;
  if (!here || typeof require === "undefined" || !require.config) { return; }
  var base = here.replace(/widgets-config\.js(\?.*)?$/, "");
  require.config({
    paths: {
      "@jupyter-widgets/html-manager/dist": base.replace(/\/$/, ""),
      "@jupyter-widgets": base.replace(/\/$/, "")
    }
  });
})();
