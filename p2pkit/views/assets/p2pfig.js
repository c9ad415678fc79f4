/* p2pfig: the companion's interactive figure component.
 *
 * It draws scenes that Python computed (p2pkit/views) and switches between them; it never
 * computes a model. Two sources of scenes:
 *   - static: every state of the figure's controls was computed at build time and ships with
 *     the page (a JSON block); a control change picks another state;
 *   - live (Jupyter, Binder, presenter mode): a control change goes to Python, which sends the
 *     new scene back (an anywidget model).
 * Rendering uses d3 (selection, scales, axes, shapes). Everything is SVG or HTML, so it is
 * crisp at any zoom. Accessible: labelled native controls, people reachable by keyboard
 * (arrow keys inside a network), a polite live summary and a data table for every state.
 */
function p2pfigFactory(d3) {
  "use strict";

  const SYMBOLS = {
    circle: d3.symbolCircle, square: d3.symbolSquare, diamond: d3.symbolDiamond,
    triangle: d3.symbolTriangle, star: d3.symbolStar, wye: d3.symbolWye, cross: d3.symbolCross,
    times: d3.symbolTimes,
  };
  const reducedMotion = () =>
    typeof window !== "undefined" && window.matchMedia &&
    window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  let serial = 0;

  function el(tag, attrs, parent, text) {
    const e = document.createElement(tag);
    if (attrs) for (const k in attrs) if (attrs[k] !== undefined && attrs[k] !== null) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }

  function resolve(x, pool, memo) {
    if (Array.isArray(x)) return x.map((v) => resolve(v, pool, memo));
    if (x && typeof x === "object") {
      if (Object.prototype.hasOwnProperty.call(x, "$") && Object.keys(x).length === 1) {
        const k = x.$;
        if (!memo.has(k)) memo.set(k, resolve(pool[k], pool, memo));
        return memo.get(k);
      }
      const out = {};
      for (const k in x) out[k] = resolve(x[k], pool, memo);
      return out;
    }
    return x;
  }

  function fmt(spec) {
    if (!spec) return (v) => (typeof v === "number" ? (Number.isInteger(v) ? String(v) : d3.format(".3~g")(v)) : String(v));
    try { const f = d3.format(spec); return (v) => (v === null || v === undefined ? "–" : f(v)); }
    catch (e) { return (v) => String(v); }
  }

  function symbolPath(shape, area) {
    return d3.symbol().type(SYMBOLS[shape] || d3.symbolCircle).size(area)();
  }

  class Figure {
    /* root: the element to draw into. data: {title, controls, roles, communities, dashes, ...}.
     * source: {static: {states, pool, default}} or {live: {send(values), values}} */
    constructor(root, data, source) {
      this.root = root;
      this.data = data;
      this.source = source;
      this.id = root.id || ("p2pfig-" + (++serial));
      if (!root.id) root.id = this.id;
      this.roles = data.roles || {};
      this.communities = data.communities || [];
      this.dashes = data.dashes || [""];
      this.colourBy = "role";
      this.focus = {};          // panel index -> focused person index
      this.timings = [];
      this.memo = new Map();
      this.values = {};
      this.index = {};
      for (const c of data.controls) {
        this.index[c.name] = c.default;
        this.values[c.name] = c.kind === "person" ? "" : c.values[c.default];
      }
      if (source.live && source.live.values) Object.assign(this.values, source.live.values);
      this.build();
    }

    // ---------- structure ----------
    build() {
      const root = this.root;
      root.classList.add("p2p-fig", "p2p-fig-ready");
      root.replaceChildren();
      root.setAttribute("role", "region");
      root.setAttribute("aria-label", "Interactive figure: " + this.data.title);
      if (this.data.title) el("p", { class: "p2p-fig-title" }, root, this.data.title);
      this.controlsBox = el("div", { class: "p2p-controls" }, root);
      this.message = el("p", { class: "p2p-message", role: "status" }, root);
      const body = el("div", { class: "p2p-body" }, root);
      this.panelsBox = el("div", { class: "p2p-panels" }, body);
      const side = el("div", { class: "p2p-side" }, body);
      this.readout = el("table", { class: "p2p-readout" }, side);
      const v = el("p", { class: "p2p-verdict" }, side);
      el("strong", null, v, "Verdict: ");
      this.verdict = el("span", null, v);
      this.caption = el("p", { class: "p2p-caption" }, root);
      this.summary = el("p", { class: "p2p-summary p2p-sr-only", "aria-live": "polite", id: this.id + "-summary" }, root);
      const det = el("details", { class: "p2p-data" }, root);
      el("summary", null, det, "Data table for this view");
      this.tables = el("div", { class: "p2p-tables" }, det);
      // the data table is drawn when it is opened (a 300-person table on every change is slow)
      this.tablesFor = null;
      det.addEventListener("toggle", () => { if (det.open) this.drawTables(this.scene); });
      this.tablesBox = det;
      this.tip = el("div", { class: "p2p-tip", role: "tooltip", id: this.id + "-tip" }, root);
      this.tip.hidden = true;
      this.buildControls();
      this.panels = [];
      this.show(this.currentScene());
    }

    controlId(c) { return this.id + "-c-" + c.name; }

    buildControls() {
      const box = this.controlsBox;
      const live = !!this.source.live;
      this.inputs = {};
      for (const c of this.data.controls) {
        // a control with one value on the static site is not a control: it is not shown
        if (!live && c.kind !== "person" && c.values.length < 2) continue;
        const wrap = el("div", { class: "p2p-control p2p-control-" + c.kind }, box);
        const id = this.controlId(c);
        const help = c.help ? el("span", { class: "p2p-sr-only", id: id + "-help" }, null, c.help) : null;
        if (c.kind === "toggle") {
          const input = el("input", { type: "checkbox", id: id }, wrap);
          input.checked = !!this.values[c.name];
          el("label", { for: id }, wrap, c.label);
          input.addEventListener("change", () => this.set(c, input.checked ? 1 : 0, input.checked));
          this.inputs[c.name] = input;
        } else if (c.kind === "choice" || c.kind === "person" || (c.kind === "seed" && !live)) {
          el("label", { for: id }, wrap, c.label);
          const sel = el("select", { id: id }, wrap);
          if (c.kind === "person") {
            this.personControl = c;
          } else {
            c.values.forEach((val, i) => {
              const o = el("option", { value: String(i) }, sel, c.labels[i]);
              if (i === this.index[c.name]) o.selected = true;
            });
          }
          sel.addEventListener("change", () => {
            if (c.kind === "person") this.set(c, sel.value, sel.value);
            else { const i = +sel.value; this.set(c, i, c.values[i]); }
          });
          this.inputs[c.name] = sel;
        } else if (c.kind === "seed" && live) {
          el("label", { for: id }, wrap, c.label);
          const input = el("input", { type: "number", id: id, step: 1, min: 0, value: this.values[c.name] }, wrap);
          input.addEventListener("change", () => this.set(c, null, Math.max(0, Math.round(+input.value || 0))));
          this.inputs[c.name] = input;
        } else { // slider, play
          el("label", { for: id }, wrap, c.label);
          const useLive = live && c.live;
          const input = el("input", useLive ?
            { type: "range", id: id, min: c.live.min, max: c.live.max, step: c.live.step, value: this.values[c.name] } :
            { type: "range", id: id, min: 0, max: c.values.length - 1, step: 1, value: this.index[c.name] }, wrap);
          const out = el("output", { for: id, class: "p2p-value" }, wrap);
          const shown = () => {
            const t = useLive ? fmt(c.format)(+input.value) : c.labels[+input.value];
            out.textContent = t;
            input.setAttribute("aria-valuetext", t);
          };
          shown();
          input.addEventListener("input", () => {
            shown();
            if (useLive) this.set(c, null, +input.value);
            else { const i = +input.value; this.set(c, i, c.values[i]); }
          });
          input._shown = shown;
          this.inputs[c.name] = input;
          if (c.kind === "play") {
            const b = el("button", { type: "button", class: "p2p-play", "aria-pressed": "false" }, wrap, "Play");
            b.addEventListener("click", () => this.togglePlay(c, b));
          }
        }
        if (help) {
          wrap.appendChild(help);
          const input = this.inputs[c.name];
          if (input) input.setAttribute("aria-describedby", help.id);
        }
      }
    }

    addViewControls(scene) {
      // "Colour by" and "Find a person" belong to the drawing, not the model: added once,
      // when the first scene shows that they are useful.
      if (this.viewControlsDone) return;
      this.viewControlsDone = true;
      this.addFindAndColour(scene);
      this.controlsBox.hidden = !this.controlsBox.children.length;
    }

    addFindAndColour(scene) {
      const nets = scene.panels.filter((p) => p.kind === "network");
      if (!nets.length) return;
      if (nets.some((p) => p.group)) {
        const wrap = el("div", { class: "p2p-control p2p-control-view" }, this.controlsBox);
        const id = this.id + "-colour";
        el("label", { for: id }, wrap, "Colour by");
        const sel = el("select", { id: id }, wrap);
        el("option", { value: "role" }, sel, "role");
        el("option", { value: "group" }, sel, "community");
        // a panel may ask to start coloured by community (network(..., colour_by="group"))
        if (nets.some((p) => p.group && p.colour_by === "group")) { this.colourBy = "group"; sel.value = "group"; }
        sel.addEventListener("change", () => { this.colourBy = sel.value; this.redraw(); });
      }
      const most = Math.max(...nets.map((p) => p.people.id.length));
      if (most > 12) {
        const wrap = el("div", { class: "p2p-control p2p-control-find" }, this.controlsBox);
        const id = this.id + "-find";
        el("label", { for: id }, wrap, "Find a person");
        const input = el("input", { type: "search", id: id, list: id + "-names", autocomplete: "off" }, wrap);
        this.findList = el("datalist", { id: id + "-names" }, wrap);
        const go = () => this.find(input.value);
        input.addEventListener("change", go);
        input.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); go(); } });
      }
    }

    // ---------- state ----------
    key() {
      const parts = [];
      let person = null;
      for (const c of this.data.controls) {
        if (c.kind === "person") person = this.values[c.name] || "";
        else parts.push(this.index[c.name]);
      }
      return parts.join(",") + (person === null ? "" : ";" + person);
    }

    currentScene() {
      if (this.source.static) {
        const st = this.source.static;
        const k = this.key();
        const raw = st.states[k];
        if (raw === undefined) return null;
        return resolve(raw, st.pool, this.memo);
      }
      return this.source.live.scene || null;
    }

    set(c, index, value) {
      this.t0 = performance.now();
      if (index !== null && index !== undefined && c.kind !== "person") this.index[c.name] = index;
      this.values[c.name] = value;
      if (this.source.static) {
        let s = this.currentScene();
        const pc = this.personControl;
        if (!s && pc && c !== pc && this.values[pc.name]) {
          // another control changed who is in the network and the chosen person is not in it
          this.values[pc.name] = "";
          s = this.currentScene();
        }
        if (s) this.show(s);
        else this.say("This combination is not part of the published figure.");
      } else {
        this.root.setAttribute("aria-busy", "true");
        this.source.live.send(Object.assign({}, this.values));
      }
    }

    setPerson(ident) {
      const c = this.personControl;
      if (!c) return;
      const next = this.values[c.name] === ident ? "" : ident;
      const sel = this.inputs[c.name];
      if (sel) sel.value = next;
      this.set(c, null, next);
    }

    liveScene(scene, message) {
      this.root.removeAttribute("aria-busy");
      if (scene) this.show(scene);
      this.say(message || "");
    }

    say(text) {
      this.message.textContent = text || "";
      this.message.classList.toggle("p2p-message-on", !!text);
    }

    togglePlay(c, button) {
      if (this.timer) { this.stopPlay(); return; }
      const input = this.inputs[c.name];
      let step;
      if (this.source.live && c.live) {
        // live, with a free range: step through the range, not the site's values
        const lo = +c.live.min, hi = +c.live.max, d = +c.live.step || 1;
        const go = (v) => { input.value = String(v); input._shown(); this.set(c, null, v); };
        step = () => { const v = +input.value + d; if (v > hi + 1e-9) { this.stopPlay(); return; } go(v); };
        if (+input.value + d > hi + 1e-9) go(lo);
      } else {
        step = () => {
          const i = this.index[c.name];
          if (i >= c.values.length - 1) { this.stopPlay(); return; }
          input.value = String(i + 1);
          input._shown();
          this.set(c, i + 1, c.values[i + 1]);
        };
        if (this.index[c.name] >= c.values.length - 1) {
          input.value = "0"; input._shown(); this.set(c, 0, c.values[0]);
        }
      }
      button.setAttribute("aria-pressed", "true");
      button.textContent = "Pause";
      this.playButton = button;
      this.timer = setInterval(step, Math.max(reducedMotion() ? 1500 : 0, c.interval || 800));
    }

    stopPlay() {
      clearInterval(this.timer);
      this.timer = null;
      if (this.playButton) { this.playButton.setAttribute("aria-pressed", "false"); this.playButton.textContent = "Play"; }
    }

    // ---------- drawing ----------
    show(scene) {
      if (!scene) return;
      this.scene = scene;
      this.addViewControls(scene);
      this.redraw();
      if (this.t0 !== undefined) {
        const t0 = this.t0;
        this.t0 = undefined;
        requestAnimationFrame(() => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => {
            this.timings.push(performance.now() - t0);
            if (typeof window !== "undefined") (window.__p2pfigTimings = window.__p2pfigTimings || []).push(performance.now() - t0);
          };
          ch.port2.postMessage(0);
        });
      }
    }

    redraw() {
      const scene = this.scene;
      if (!scene) return;
      const panels = scene.panels || [];
      // one panel element per panel; rebuilt only when the kinds change
      const kinds = panels.map((p) => p.kind).join(",");
      if (kinds !== this.kinds) {
        this.kinds = kinds;
        this.panelsBox.replaceChildren();
        this.panels = panels.map((p, i) => {
          const f = el("figure", { class: "p2p-panel p2p-panel-" + p.kind }, this.panelsBox);
          const cap = el("figcaption", { class: "p2p-panel-title", id: this.id + "-p" + i + "-title" }, f);
          return { fig: f, cap: cap, i: i };
        });
        this.panelsBox.classList.toggle("p2p-panels-many", panels.length > 1);
        this.panelsBox.parentElement.classList.toggle("p2p-body-many", panels.filter((q) => q.kind !== "bars").length > 1);
      }
      panels.forEach((p, i) => {
        const slot = this.panels[i];
        slot.cap.textContent = p.title || "";
        slot.cap.hidden = !p.title;
        if (p.kind === "network") this.drawNetwork(slot, p);
        else if (p.kind === "chart") this.drawChart(slot, p);
        else if (p.kind === "bars") this.drawBars(slot, p);
      });
      this.readout.replaceChildren();
      for (const [a, b] of scene.readout || []) {
        const tr = el("tr", null, this.readout);
        el("th", { scope: "row" }, tr, a);
        el("td", null, tr, b);
      }
      this.readout.hidden = !(scene.readout && scene.readout.length);
      this.verdict.textContent = scene.verdict || "";
      this.verdict.parentElement.hidden = !scene.verdict;
      this.caption.textContent = scene.caption || "";
      this.caption.hidden = !scene.caption;
      this.summary.textContent = scene.summary + (scene.verdict ? " Verdict: " + scene.verdict : "");
      this.drawTables(scene);
      this.refreshPersonChoices(scene);
    }

    roleOf(r, p) {
      const base = this.roles[r] || this.roles.peer || { label: r, colour: "#0072B2", shape: "circle" };
      return p && p.role_labels && p.role_labels[r] ? Object.assign({}, base, { label: p.role_labels[r] }) : base;
    }

    colour(p, i) {
      if (this.colourBy === "group" && p.group && p.role[i] !== "removed") {
        const g = p.group[i];
        return g >= 0 ? this.communities[g % this.communities.length] : "#8C8C8C";
      }
      return this.roleOf(p.role[i]).colour;
    }

    personText(p, i) {
      const parts = [p.people.name[i], this.roleOf(p.role[i], p).label];
      if (p.group && p.group[i] >= 0) parts.push("community " + (p.group_names ? p.group_names[p.group[i]] : p.group[i] + 1));
      for (const f of p.figures || []) parts.push(f.label + ": " + fmt(f.format)(f.values[i]));
      return parts;
    }

    drawNetwork(slot, p) {
      const n = p.people.id.length;
      const W = 420, pad = 22;
      let svg = slot.svg;
      if (!svg || slot.kind !== "network") {
        svg = d3.select(slot.fig).insert("svg", "figcaption + *")
          .attr("viewBox", `0 0 ${W} ${W}`).attr("class", "p2p-net")
          .attr("role", "group")
          .attr("aria-roledescription", "network")
          .attr("aria-labelledby", this.id + "-p" + slot.i + "-title " + this.id + "-p" + slot.i + "-how");
        el("p", { class: "p2p-sr-only", id: this.id + "-p" + slot.i + "-how" }, slot.fig,
          "Each person is a mark; use Tab to reach the network, then the arrow keys to move from person to person" +
          (p.removable ? "; press Enter to remove the person or bring them back." : "."));
        svg.append("defs").append("marker").attr("id", this.id + "-arrow" + slot.i)
          .attr("viewBox", "0 0 10 10").attr("refX", 9).attr("refY", 5).attr("markerUnits", "userSpaceOnUse").attr("markerWidth", 7).attr("markerHeight", 7)
          .attr("orient", "auto-start-reverse").append("path").attr("d", "M0,0L10,5L0,10z").attr("class", "p2p-arrowhead");
        slot.gTies = svg.append("g").attr("class", "p2p-ties");
        slot.gHi = svg.append("g").attr("class", "p2p-ties-hi");
        slot.gNodes = svg.append("g").attr("class", "p2p-nodes");
        slot.gLabels = svg.append("g").attr("class", "p2p-labels").attr("aria-hidden", "true");
        slot.legend = el("ul", { class: "p2p-legend" }, slot.fig);
        slot.svg = svg;
        slot.kind = "network";
        svg.on("keydown", (ev) => this.netKey(ev, slot));
        svg.on("pointerleave", () => this.blur(slot));
      }
      const sx = (v) => pad + v * (W - 2 * pad);
      const X = p.people.x.map(sx), Y = p.people.y.map(sx);
      slot.X = X; slot.Y = Y; slot.p = p;
      const base = Math.max(28, Math.min(n <= 25 ? 260 : 150, 5200 / Math.max(n, 1)));
      const area = (i) => (p.size ? base * (0.45 + 3.2 * p.size[i]) : base);
      slot.radius = (i) => Math.sqrt(area(i) / Math.PI);
      // ties: one path per kind (undirected) or one line each (directed, with arrowheads)
      const t = p.ties;
      const m = t.length / 2;
      const kinds = p.tie_kind ? Array.from(new Set(p.tie_kind)) : [""];
      // a kind's dash: its place in kind_names when given (the same in every state), else in order of appearance
      const order = p.kind_names ? Object.keys(p.kind_names).concat(kinds.filter((k) => !(k in p.kind_names))) : kinds;
      const dashOf = (k) => this.dashes[Math.max(0, order.indexOf(k)) % this.dashes.length] || null;
      slot.kindsSeen = kinds.slice().sort((a, b) => order.indexOf(a) - order.indexOf(b));
      slot.dashOf = dashOf;
      // kind_role: ties of that kind drawn thicker in the role's colour (for example a route taken)
      const kindColour = (k) => (p.kind_role && p.kind_role[k] ? this.roleOf(p.kind_role[k]).colour : null);
      if (!p.directed) {
        const byKind = new Map(kinds.map((k) => [k, []]));
        for (let e = 0; e < m; e++) {
          const a = t[2 * e], b = t[2 * e + 1];
          byKind.get(p.tie_kind ? p.tie_kind[e] : "").push(`M${X[a].toFixed(1)},${Y[a].toFixed(1)}L${X[b].toFixed(1)},${Y[b].toFixed(1)}`);
        }
        slot.gTies.selectAll("line").remove();
        slot.gTies.selectAll("path").data(kinds, (k) => k).join("path")
          .attr("d", (k) => byKind.get(k).join("") || null)
          .attr("stroke-dasharray", (k) => dashOf(k))
          .style("stroke", (k) => kindColour(k)).style("stroke-width", (k) => (kindColour(k) ? "2.6px" : null));
      } else {
        slot.gTies.selectAll("path").remove();
        const arrow = `url(#${this.id}-arrow${slot.i})`;
        const seg = [];
        for (let e = 0; e < m; e++) seg.push([t[2 * e], t[2 * e + 1], p.tie_kind ? p.tie_kind[e] : ""]);
        slot.gTies.selectAll("line").data(seg).join("line")
          .each(function (d) {
            const [a, b] = d;
            const dx = X[b] - X[a], dy = Y[b] - Y[a], L = Math.hypot(dx, dy) || 1;
            const rb = slot.radius(b) + 2;
            d3.select(this).attr("x1", X[a]).attr("y1", Y[a]).attr("x2", X[b] - dx / L * rb).attr("y2", Y[b] - dy / L * rb);
          })
          .attr("marker-end", arrow)
          .attr("stroke-dasharray", (d) => dashOf(d[2]))
          .style("stroke", (d) => kindColour(d[2])).style("stroke-width", (d) => (kindColour(d[2]) ? "2.6px" : null));
      }
      // people
      const idx = d3.range(n);
      const focusIndex = Math.min(this.focus[slot.i] ?? 0, n - 1);
      const self = this;
      slot.gNodes.selectAll("path").data(idx, (i) => p.people.id[i]).join(
        (enter) => enter.append("path")
          .on("pointerenter", function (ev, i) { self.hover(slot, i, false); })
          .on("focus", function (ev, i) { self.hover(slot, i, true); })
          .on("click", function (ev, i) { self.focusPerson(slot, i); if (slot.p.removable) self.setPerson(slot.p.people.id[i]); }),
      )
        .attr("d", (i) => symbolPath(this.roleOf(p.role[i]).shape, area(i)))
        .attr("transform", (i) => `translate(${X[i].toFixed(1)},${Y[i].toFixed(1)})`)
        .attr("fill", (i) => (p.role[i] === "removed" || p.role[i] === "cut_off" ? (p.role[i] === "cut_off" ? "var(--p2p-bg)" : this.colour(p, i)) : this.colour(p, i)))
        .attr("stroke", (i) => (p.role[i] === "removed" ? this.colour(p, i) : p.role[i] === "cut_off" ? "#8C8C8C" : "var(--p2p-bg)"))
        .attr("stroke-width", (i) => (p.role[i] === "removed" ? 2.2 : p.role[i] === "cut_off" ? 2 : 1.2))
        .attr("class", (i) => "p2p-person" + (p.highlight && p.highlight.includes(i) ? " p2p-person-hl" : ""))
        .attr("tabindex", (i) => (i === focusIndex ? 0 : -1))
        .attr("role", p.removable ? "button" : "img")
        .attr("aria-label", (i) => this.personText(p, i).join("; ") + (p.removable ? (p.role[i] === "removed" ? "; removed: press Enter to bring back" : "; press Enter to remove") : ""));
      slot.gNodes.selectAll("path.p2p-person-hl").raise();
      // rings for highlighted people (drawn under their marks' outline)
      const hl = p.highlight || [];
      slot.gLabels.selectAll("circle").data(hl).join("circle")
        .attr("cx", (i) => X[i]).attr("cy", (i) => Y[i]).attr("r", (i) => slot.radius(i) + 4).attr("class", "p2p-ring");
      // names
      const labels = p.labels ? idx : [];
      // a name goes to the right of its mark, or to the left near the right edge or where
      // another mark (or a name already placed) would cover it and the left side is free
      const boxes = [];
      const side = {};
      const clash = (i, left) => {
        const w = 7 * String(p.people.name[i]).length, r = slot.radius(i) + 3;
        const x0 = left ? X[i] - r - w : X[i] + r, x1 = left ? X[i] - r : X[i] + r + w;
        if (x0 < 0 || x1 > W + 20) return 99;
        let hits = 0;
        for (let j = 0; j < n; j++) {
          if (j !== i && Math.abs(Y[j] - Y[i]) < 6 + slot.radius(j) && X[j] + slot.radius(j) > x0 && X[j] - slot.radius(j) < x1) hits++;
        }
        for (const b of boxes) if (Math.abs(b[2] - Y[i]) < 13 && b[1] > x0 && b[0] < x1) hits++;
        return hits;
      };
      for (const i of labels) {
        const preferLeft = X[i] > W - 80;
        const a = clash(i, preferLeft), b = clash(i, !preferLeft);
        side[i] = b < a ? !preferLeft : preferLeft;
        const w = 7 * String(p.people.name[i]).length, r = slot.radius(i) + 3;
        boxes.push(side[i] ? [X[i] - r - w, X[i] - r, Y[i]] : [X[i] + r, X[i] + r + w, Y[i]]);
      }
      slot.gLabels.selectAll("text").data(labels, (i) => p.people.id[i]).join("text")
        .attr("x", (i) => X[i] + slot.radius(i) + 3).attr("y", (i) => Y[i] + 4)
        .attr("text-anchor", (i) => (side[i] ? "end" : "start"))
        .attr("dx", (i) => (side[i] ? -2 * slot.radius(i) - 6 : 0))
        .text((i) => p.people.name[i]);
      this.drawLegend(slot, p);
      if (slot.focused !== undefined && slot.focused < n) this.hover(slot, slot.focused, false, !(this.tipSlot === slot && !this.tip.hidden));
      else this.blur(slot);
    }

    drawLegend(slot, p) {
      const items = [];
      const used = Array.from(new Set(p.role));
      if (this.colourBy === "group" && p.group) {
        const groups = Array.from(new Set(p.group.filter((g) => g >= 0))).sort((a, b) => a - b);
        for (const g of groups) items.push({ colour: this.communities[g % this.communities.length], shape: "circle", label: "community " + (p.group_names ? p.group_names[g] : g + 1) });
        for (const r of used) items.push({ colour: "none", stroke: true, shape: this.roleOf(r).shape, label: "shape: " + this.roleOf(r, p).label });
      } else {
        for (const r of used) items.push({ colour: this.roleOf(r).colour, shape: this.roleOf(r).shape, label: this.roleOf(r, p).label, role: r });
      }
      if (p.tie_kind && slot.kindsSeen.length > 1) {
        slot.kindsSeen.forEach((k) => items.push({ dash: slot.dashOf(k) || "0", label: (p.kind_names && p.kind_names[k]) || k,
          tie: p.kind_role && p.kind_role[k] ? this.roleOf(p.kind_role[k]).colour : null }));
      }
      const li = d3.select(slot.legend).selectAll("li").data(items).join("li");
      li.selectAll("svg").data((d) => [d]).join("svg").attr("viewBox", "-8 -8 16 16").attr("width", 14).attr("height", 14)
        .attr("aria-hidden", "true")
        .each(function (d) {
          const s = d3.select(this);
          s.selectAll("*").remove();
          if (d.dash !== undefined) s.append("line").attr("x1", -8).attr("x2", 8).attr("y1", 0).attr("y2", 0).attr("class", "p2p-legend-tie").attr("stroke-dasharray", d.dash === "0" ? null : d.dash)
            .style("stroke", d.tie || null).style("stroke-width", d.tie ? "2.6px" : null);
          else s.append("path").attr("d", symbolPath(d.shape, 90))
            .attr("fill", d.role === "cut_off" ? "none" : (d.colour === "none" ? "none" : d.colour))
            .attr("stroke", d.stroke ? "currentColor" : (d.role === "removed" ? d.colour : d.role === "cut_off" ? "#8C8C8C" : "none"))
            .attr("stroke-width", 1.6);
        });
      li.selectAll("span").data((d) => [d]).join("span").text((d) => d.label);
    }

    hover(slot, i, fromFocus, quiet) {
      const p = slot.p;
      if (!p || i >= p.people.id.length) return;
      slot.focused = i;
      if (fromFocus) {
        this.focus[slot.i] = i;
        slot.gNodes.selectAll("path").attr("tabindex", (j) => (j === i ? 0 : -1));
      }
      const X = slot.X, Y = slot.Y, t = p.ties, segs = [];
      for (let e = 0; e < t.length; e += 2) {
        if (t[e] === i || t[e + 1] === i) segs.push(`M${X[t[e]].toFixed(1)},${Y[t[e]].toFixed(1)}L${X[t[e + 1]].toFixed(1)},${Y[t[e + 1]].toFixed(1)}`);
      }
      slot.gHi.selectAll("path").data([0]).join("path").attr("d", segs.join("") || null);
      slot.svg.classed("p2p-net-focus", true);
      slot.gNodes.selectAll("path").classed("p2p-person-focus", (j) => j === i);
      if (quiet) return;
      this.tipSlot = slot;
      const lines = this.personText(p, i);
      lines.push((segs.length) + (segs.length === 1 ? " tie" : " ties") + " shown");
      this.tip.replaceChildren();
      el("strong", null, this.tip, lines[0]);
      for (const line of lines.slice(1)) el("div", null, this.tip, line);
      this.tip.hidden = false;
      const box = this.root.getBoundingClientRect();
      const svgBox = slot.svg.node().getBoundingClientRect();
      const k = svgBox.width / 420;
      let left = svgBox.left - box.left + X[i] * k + 14, top = svgBox.top - box.top + Y[i] * k + 10;
      const tw = this.tip.offsetWidth || 180;
      if (left + tw > box.width) left = Math.max(0, left - tw - 28);
      this.tip.style.left = left + "px";
      this.tip.style.top = top + "px";
    }

    blur(slot) {
      slot.focused = undefined;
      if (slot.gHi) slot.gHi.selectAll("path").remove();
      if (slot.svg) { slot.svg.classed("p2p-net-focus", false); slot.gNodes.selectAll("path").classed("p2p-person-focus", false); }
      this.tip.hidden = true;
    }

    focusPerson(slot, i) {
      const node = slot.gNodes.selectAll("path").filter((j) => j === i).node();
      if (node) node.focus();
    }

    netKey(ev, slot) {
      const n = slot.p.people.id.length;
      const cur = this.focus[slot.i] ?? 0;
      let next = null;
      if (ev.key === "ArrowRight" || ev.key === "ArrowDown") next = (cur + 1) % n;
      else if (ev.key === "ArrowLeft" || ev.key === "ArrowUp") next = (cur - 1 + n) % n;
      else if (ev.key === "Home") next = 0;
      else if (ev.key === "End") next = n - 1;
      else if ((ev.key === "Enter" || ev.key === " ") && slot.p.removable) {
        ev.preventDefault();
        this.setPerson(slot.p.people.id[cur]);
        return;
      } else if (ev.key === "Escape") { this.blur(slot); return; }
      if (next !== null) { ev.preventDefault(); this.focusPerson(slot, next); }
    }

    find(name) {
      const q = (name || "").trim().toLowerCase();
      if (!q) return;
      for (const slot of this.panels) {
        if (!slot.p || slot.kind !== "network") continue;
        const names = slot.p.people.name.map((s) => s.toLowerCase());
        let i = names.indexOf(q);
        if (i < 0) i = names.findIndex((s) => s.includes(q));
        if (i >= 0) { this.focusPerson(slot, i); this.say(""); return; }
      }
      this.say("Nobody called “" + name + "” is in this figure.");
    }

    refreshPersonChoices(scene) {
      const nets = scene.panels.filter((p) => p.kind === "network");
      if (this.findList && nets.length) {
        const names = Array.from(new Set(nets.flatMap((p) => p.people.name))).sort();
        const sig = names.join("\u0000");
        if (sig !== this.findSig) {
          this.findSig = sig;
          this.findList.replaceChildren();
          for (const nm of names) el("option", { value: nm }, this.findList);
        }
      }
      const c = this.personControl;
      if (!c) return;
      const net = nets.find((p) => p.removable) || nets[0];
      const sel = this.inputs[c.name];
      if (!net || !sel) return;
      const current = this.values[c.name] || "";
      const order = d3.range(net.people.id.length).sort((a, b) => d3.ascending(net.people.name[a], net.people.name[b]));
      const sig = order.map((i) => net.people.id[i]).join("\u0000");
      if (sig !== this.personSig) {
        this.personSig = sig;
        sel.replaceChildren();
        el("option", { value: "" }, sel, c.none || "nobody");
        for (const i of order) el("option", { value: net.people.id[i] }, sel, net.people.name[i]);
      }
      sel.value = current;
    }

    drawChart(slot, p) {
      const W = 420, H = 290, m = { l: 56, r: 112, t: 14, b: 46 };
      let svg = slot.svg;
      if (!svg || slot.kind !== "chart") {
        svg = d3.select(slot.fig).insert("svg", "figcaption + *").attr("viewBox", `0 0 ${W} ${H}`)
          .attr("class", "p2p-chart").attr("role", "img")
          .attr("aria-labelledby", this.id + "-p" + slot.i + "-title " + this.id + "-summary");
        slot.gx = svg.append("g").attr("class", "p2p-axis").attr("transform", `translate(0,${H - m.b})`);
        slot.gy = svg.append("g").attr("class", "p2p-axis").attr("transform", `translate(${m.l},0)`);
        slot.xl = svg.append("text").attr("class", "p2p-axis-label").attr("x", (m.l + W - m.r) / 2).attr("y", H - 8).attr("text-anchor", "middle");
        slot.yl = svg.append("text").attr("class", "p2p-axis-label").attr("transform", `translate(14,${(m.t + H - m.b) / 2}) rotate(-90)`).attr("text-anchor", "middle");
        slot.gMark = svg.append("g").attr("class", "p2p-marker");
        slot.gLines = svg.append("g").attr("class", "p2p-lines");
        slot.gPts = svg.append("g").attr("class", "p2p-points");
        slot.gNames = svg.append("g").attr("class", "p2p-series-names");
        slot.svg = svg;
        slot.kind = "chart";
        svg.on("pointermove", (ev) => this.chartHover(ev, slot));
        svg.on("pointerleave", () => { this.tip.hidden = true; slot.gMark.selectAll(".p2p-hover").remove(); });
      }
      slot.p = p;
      const xs = [], ys = [];
      for (const s of p.series) s.x.forEach((x, j) => { if (x !== null && s.y[j] !== null) { xs.push(x); ys.push(s.y[j]); } });
      for (const q of p.points || []) { xs.push(q.x); ys.push(q.y); }
      if (p.marker) xs.push(p.marker.x);
      const xd = p.x_domain || d3.extent(xs.length ? xs : [0, 1]);
      let yd = p.y_domain || d3.extent(ys.length ? ys : [0, 1]);
      if (!p.y_domain && !p.y_log) yd = [Math.min(0, yd[0]), yd[1] === yd[0] ? yd[0] + 1 : yd[1]];
      const x = (p.x_log ? d3.scaleLog() : d3.scaleLinear()).domain(xd).range([m.l, W - m.r]);
      const y = (p.y_log ? d3.scaleLog() : d3.scaleLinear()).domain(yd).range([H - m.b, m.t]);
      if (!p.x_domain && !p.x_log) x.nice();
      if (!p.y_domain && !p.y_log) y.nice();
      slot.x = x; slot.y = y;
      const xa = d3.axisBottom(x).ticks(6), ya = d3.axisLeft(y).ticks(5);
      // a whole-number format must not label 1.5 as "2": keep the whole-number ticks only
      if (p.x_format === "d" && !p.x_log) xa.tickValues(x.ticks(6).filter(Number.isInteger));
      if (p.y_format === "d" && !p.y_log) ya.tickValues(y.ticks(5).filter(Number.isInteger));
      if (p.x_format) xa.tickFormat(d3.format(p.x_format));
      else if (p.x_log) xa.ticks(6, "~g");
      if (p.y_format) ya.tickFormat(d3.format(p.y_format));
      else if (p.y_log) ya.ticks(5, "~g");
      slot.gx.call(xa);
      slot.gy.call(ya);
      slot.xl.text(p.x_label || "");
      slot.yl.text(p.y_label || "");
      const ok = (v, log) => v !== null && v !== undefined && (!log || v > 0);
      const line = (s) => d3.line().curve(s.step ? d3.curveStepAfter : d3.curveLinear).defined((j) => ok(s.x[j], p.x_log) && ok(s.y[j], p.y_log))
        .x((j) => x(s.x[j])).y((j) => y(Math.max(Math.min(s.y[j], yd[1] * 1e3), p.y_log ? 1e-12 : -1e12)))(d3.range(s.x.length));
      slot.gLines.selectAll("path").data(p.series).join("path")
        .attr("d", (s) => (s.line === false ? null : line(s))).attr("fill", "none").attr("stroke", (s) => this.roleOf(s.role).colour)
        .attr("stroke-width", 2.2).attr("stroke-dasharray", (s) => (s.dash ? "6 4" : null));
      const pts = [];
      for (const s of p.series) if (s.points) s.x.forEach((xv, j) => { if (ok(xv, p.x_log) && ok(s.y[j], p.y_log)) pts.push({ x: xv, y: s.y[j], role: s.role, marks: s.line === false }); });
      for (const q of p.points || []) pts.push(Object.assign({ big: true }, q));
      slot.gPts.selectAll("path").data(pts).join("path")
        .attr("d", (d) => symbolPath(this.roleOf(d.role).shape, d.big ? 110 : d.marks ? 64 : 34))
        .attr("transform", (d) => `translate(${x(d.x)},${y(d.y)})`)
        .attr("fill", (d) => this.roleOf(d.role).colour).attr("stroke", "var(--p2p-bg)");
      slot.gPts.selectAll("text").data((p.points || []).filter((q) => q.label)).join("text")
        .attr("x", (d) => x(d.x) + 8).attr("y", (d) => y(d.y) - 8).attr("class", "p2p-point-label").text((d) => d.label);
      // direct labels at the end of each line, nudged apart
      const ends = p.series.filter((s) => s.line !== false).map((s) => {
        let j = s.x.length - 1;
        while (j >= 0 && !(ok(s.x[j], p.x_log) && ok(s.y[j], p.y_log))) j--;
        return { s: s, y: j >= 0 ? y(Math.min(Math.max(s.y[j], y.domain()[0]), y.domain()[1])) : H / 2, x: j >= 0 ? x(s.x[j]) : W - m.r };
      });
      ends.sort((a, b) => a.y - b.y);
      for (let k = 1; k < ends.length; k++) if (ends[k].y - ends[k - 1].y < 13) ends[k].y = ends[k - 1].y + 13;
      // lines that end together at the bottom: stack their names upwards, above the x axis
      for (let k = ends.length - 1; k >= 0; k--) {
        const limit = k === ends.length - 1 ? H - m.b - 10 : ends[k + 1].y - 13;
        if (ends[k].y > limit) ends[k].y = limit;
      }
      slot.gNames.selectAll("text").data(ends).join("text")
        .attr("x", (d) => Math.min(d.x, W - m.r) + 6).attr("y", (d) => d.y + 4).text((d) => d.s.name)
        .attr("class", "p2p-series-name");
      slot.gMark.selectAll(".p2p-now").data(p.marker ? [p.marker] : []).join(
        (enter) => { const g = enter.append("g").attr("class", "p2p-now"); g.append("line"); g.append("text"); return g; })
        .each(function (d) {
          const g = d3.select(this);
          g.select("line").attr("x1", x(d.x)).attr("x2", x(d.x)).attr("y1", m.t).attr("y2", H - m.b);
          g.select("text").attr("x", x(d.x) + 4).attr("y", m.t + 10).text(d.label || "");
        });
      if (!slot.legend) slot.legend = el("ul", { class: "p2p-legend" }, slot.fig);
      const keyed = p.series.map((s) => ({ name: s.name, dash: s.dash, colour: this.roleOf(s.role).colour,
        marks: s.line === false, shape: this.roleOf(s.role).shape }));
      const li = d3.select(slot.legend).selectAll("li").data(keyed).join("li");
      li.selectAll("svg").data((s) => [s]).join("svg").attr("width", 22).attr("height", 10).attr("aria-hidden", "true")
        .each(function (s) {
          // a line for a line, the role's mark for marks only
          d3.select(this).selectAll("line").data(s.marks ? [] : [s]).join("line").attr("x1", 0).attr("x2", 22).attr("y1", 5).attr("y2", 5)
            .attr("stroke", (q) => q.colour).attr("stroke-width", 2.5).attr("stroke-dasharray", (q) => (q.dash ? "5 3" : null));
          d3.select(this).selectAll("path").data(s.marks ? [s] : []).join("path").attr("d", (q) => symbolPath(q.shape, 40))
            .attr("transform", "translate(11,5)").attr("fill", (q) => q.colour);
        });
      li.selectAll("span").data((s) => [s]).join("span").text((s) => s.name);
    }

    chartHover(ev, slot) {
      const p = slot.p;
      if (!p || !slot.x) return;
      const svg = slot.svg.node();
      const pt = svg.createSVGPoint();
      pt.x = ev.clientX; pt.y = ev.clientY;
      const ctm = svg.getScreenCTM();
      if (!ctm) return;
      const loc = pt.matrixTransform(ctm.inverse());
      let best = null;
      for (const s of p.series) s.x.forEach((xv, j) => {
        if (xv === null || s.y[j] === null) return;
        const d = Math.hypot(slot.x(xv) - loc.x, slot.y(s.y[j]) - loc.y);
        if (!best || d < best.d) best = { d: d, s: s, j: j };
      });
      if (!best || best.d > 40) { this.tip.hidden = true; return; }
      const xf = fmt(p.x_format), yf = fmt(p.y_format);
      this.tip.replaceChildren();
      el("strong", null, this.tip, best.s.name);
      el("div", null, this.tip, (p.x_label || "x") + ": " + xf(best.s.x[best.j]));
      el("div", null, this.tip, (p.y_label || "y") + ": " + yf(best.s.y[best.j]));
      this.tip.hidden = false;
      const box = this.root.getBoundingClientRect();
      this.tip.style.left = Math.min(ev.clientX - box.left + 12, box.width - 190) + "px";
      this.tip.style.top = (ev.clientY - box.top + 12) + "px";
    }

    drawBars(slot, p) {
      if (slot.kind !== "bars") {
        slot.list = el("div", { class: "p2p-bars" }, slot.fig);
        slot.kind = "bars";
      }
      slot.p = p;
      const rows = d3.select(slot.list).selectAll("div.p2p-bar").data(p.bars).join((enter) => {
        const r = enter.append("div").attr("class", "p2p-bar");
        r.append("span").attr("class", "p2p-bar-label");
        const track = r.append("span").attr("class", "p2p-bar-track").attr("aria-hidden", "true");
        track.append("span").attr("class", "p2p-bar-fill");
        r.append("span").attr("class", "p2p-bar-text");
        return r;
      });
      rows.select(".p2p-bar-label").text((b) => b.label);
      rows.select(".p2p-bar-fill").style("width", (b) => (100 * b.value).toFixed(1) + "%")
        .style("background", (b) => this.roleOf(b.role).colour);
      rows.select(".p2p-bar-text").text((b) => b.text);
      if (!slot.note) slot.note = el("p", { class: "p2p-bars-note" }, slot.fig);
      slot.note.textContent = p.note || "";
      slot.note.hidden = !p.note;
    }

    drawTables(scene) {
      if (!scene || !this.tablesBox.open || this.tablesFor === scene) return;
      this.tablesFor = scene;
      const box = this.tables;
      box.replaceChildren();
      scene.panels.forEach((p) => {
        const t = el("table", { class: "p2p-table" }, box);
        el("caption", null, t, p.title || (p.kind === "network" ? "People" : p.kind === "chart" ? "Values" : "Bars"));
        if (p.kind === "network") {
          const head = el("tr", null, el("thead", null, t));
          const cols = ["Name", "Role"];
          if (p.group) cols.push("Community");
          for (const f of p.figures || []) cols.push(f.label);
          cols.push("Ties");
          for (const c of cols) el("th", { scope: "col" }, head, c);
          const deg = new Array(p.people.id.length).fill(0);
          for (const v of p.ties) deg[v]++;
          const tb = el("tbody", null, t);
          const limit = Math.min(p.people.id.length, 400);
          for (let i = 0; i < limit; i++) {
            const tr = el("tr", null, tb);
            el("th", { scope: "row" }, tr, p.people.name[i]);
            el("td", null, tr, this.roleOf(p.role[i], p).label);
            if (p.group) el("td", null, tr, p.group[i] >= 0 ? (p.group_names ? p.group_names[p.group[i]] : String(p.group[i] + 1)) : "–");
            for (const f of p.figures || []) el("td", null, tr, fmt(f.format)(f.values[i]));
            el("td", null, tr, String(deg[i]));
          }
          if (limit < p.people.id.length) el("p", null, box, `The table shows the first ${limit} of ${p.people.id.length} people.`);
        } else if (p.kind === "chart") {
          const xsAll = Array.from(new Set(p.series.flatMap((s) => s.x))).sort((a, b) => a - b);
          const head = el("tr", null, el("thead", null, t));
          el("th", { scope: "col" }, head, p.x_label || "x");
          for (const s of p.series) el("th", { scope: "col" }, head, s.name);
          const tb = el("tbody", null, t);
          const xf = fmt(p.x_format), yf = fmt(p.y_format);
          for (const xv of xsAll.slice(0, 400)) {
            const tr = el("tr", null, tb);
            el("th", { scope: "row" }, tr, xf(xv));
            for (const s of p.series) { const j = s.x.indexOf(xv); el("td", null, tr, j >= 0 ? yf(s.y[j]) : "–"); }
          }
          for (const q of p.points || []) {
            const tr = el("tr", null, tb);
            el("th", { scope: "row" }, tr, xf(q.x));
            el("td", { colspan: Math.max(1, p.series.length) }, tr, (q.label ? q.label + ": " : "") + yf(q.y));
          }
        } else if (p.kind === "bars") {
          const tb = el("tbody", null, t);
          for (const b of p.bars) { const tr = el("tr", null, tb); el("th", { scope: "row" }, tr, b.label); el("td", null, tr, b.text); }
        }
      });
    }
  }

  function readData(root) {
    const block = root.querySelector("script.p2p-fig-data");
    return block ? JSON.parse(block.textContent) : null;
  }

  function mount(root) {
    if (root.__p2pfig) return root.__p2pfig;
    const data = readData(root);
    if (!data) return null;
    const fig = new Figure(root, data, { static: { states: data.states, pool: data.pool || [] } });
    root.__p2pfig = fig;
    return fig;
  }

  function mountAll(doc) {
    (doc || document).querySelectorAll("div.p2p-fig[data-p2pfig]").forEach((r) => {
      try { mount(r); } catch (e) { console.error("p2pfig: could not draw a figure", e); }
    });
  }

  function live(root, model) {
    // anywidget: the spec, values and scene are model traits; a control change sends values.
    const data = model.get("spec");
    const src = {
      live: {
        values: model.get("values"),
        scene: model.get("scene"),
        send: (values) => { model.set("values", values); model.save_changes(); },
      },
    };
    root.classList.add("p2p-fig");
    const fig = new Figure(root, data, src);
    root.__p2pfig = fig;
    const onScene = () => fig.liveScene(model.get("scene"), model.get("message"));
    const onMessage = () => { fig.root.removeAttribute("aria-busy"); fig.say(model.get("message")); };
    model.on("change:scene", onScene);
    model.on("change:message", onMessage);
    fig.say(model.get("message"));
    return () => { model.off("change:scene", onScene); model.off("change:message", onMessage); fig.stopPlay(); };
  }

  function display(root, data, scene) {
    // A figure whose scenes come from elsewhere (a page that polls a server, for example):
    // draw ``scene`` now and call ``update(nextScene)`` whenever a new one arrives. Controls,
    // if the spec declares any, report their values to ``onchange`` (set it on the result).
    const handle = { onchange: null };
    const fig = new Figure(root, data, { live: { scene: scene, values: {},
      send: (values) => { if (handle.onchange) handle.onchange(values); else fig.root.removeAttribute("aria-busy"); } } });
    root.__p2pfig = fig;
    handle.figure = fig;
    handle.update = (next, message) => fig.liveScene(next, message || "");
    return handle;
  }

  return { Figure: Figure, mount: mount, mountAll: mountAll, live: live, display: display, resolve: resolve };
}
