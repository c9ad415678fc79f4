/* The facilitator's screen: poll the room every second and grow the map.
 * The map is drawn by the companion's figure component (P2PFig.display); Python computes every
 * scene. Names only ever reach the page as text (textContent), never as HTML. */
(function () {
  "use strict";
  const cfg = JSON.parse(document.getElementById("room-data").textContent);
  const root = document.getElementById("room-map");
  const message = document.getElementById("map-message");
  let handle = null, version = "", specKey = "", relation = "", timer = null, failures = 0;

  function list(id, names) {
    const ul = document.getElementById(id);
    if (!ul) return;
    const items = names.map((n) => { const li = document.createElement("li"); li.textContent = n; return li; });
    ul.replaceChildren(...items);
  }

  function text(id, value) { const e = document.getElementById(id); if (e) e.textContent = value; }

  function apply(s) {
    text("count", String(s.answered.length));
    text("total", String(s.total));
    const badge = document.getElementById("badge");
    if (badge) { badge.textContent = s.open ? "Open" : "Closed"; badge.className = "badge " + (s.open ? "open" : "closed"); }
    list("answered", s.answered);
    list("waiting", s.waiting);
    text("waiting-count", String(s.waiting.length));
    if (!("scene" in s)) return;
    message.textContent = s.message || "";
    if (!s.scene) { if (handle) { root.replaceChildren(); handle = null; specKey = ""; } return; }
    if (!handle || (s.spec && s.spec_key !== specKey)) {
      root.replaceChildren();
      handle = window.P2PFig.display(root, s.spec, s.scene);
      specKey = s.spec_key;
      handle.onchange = (values) => { relation = values.relation || ""; version = ""; poll(); };
    } else {
      handle.update(s.scene);
    }
    version = String(s.version);
    root.dataset.version = version;
  }

  async function poll() {
    clearTimeout(timer);
    const q = new URLSearchParams({ since: version, spec: specKey, relation: relation });
    try {
      const r = await fetch(cfg.state + "?" + q.toString(), { cache: "no-store", credentials: "same-origin" });
      if (!r.ok) throw new Error("HTTP " + r.status);
      apply(await r.json());
      if (failures) message.textContent = "";
      failures = 0;
    } catch (e) {
      failures += 1;
      if (failures > 2) message.textContent = "The laptop's server does not answer; the map will update when it is back.";
    }
    timer = setTimeout(poll, 1000);
  }

  function start() {
    if (!window.P2PFig) { message.textContent = "The figure component did not load; reload the page."; return; }
    poll();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
