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

// The widget manager typesets widget labels with the MathJax 2 API (MathJax.Hub.Queue).
// The site serves MathJax 3, which has no Hub: give it a small bridge to typesetPromise
// so pages with both maths and widgets raise no errors.
document.addEventListener("DOMContentLoaded", function () {
  var mj = window.MathJax;
  if (!mj || mj.Hub) { return; }
  mj.Hub = {
    Queue: function () {
      Array.prototype.forEach.call(arguments, function (job) {
        if (typeof job === "function") { job(); return; }
        if (Array.isArray(job) && job[0] === "Typeset" && mj.typesetPromise) {
          var el = job[2];
          (mj.startup && mj.startup.promise ? mj.startup.promise : Promise.resolve())
            .then(function () { return mj.typesetPromise(el ? [el] : undefined); })
            .catch(function () {});
        }
      });
    }
  };
});
