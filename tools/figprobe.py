"""Operate every control of every interactive figure on a page and report the dead ones.

Used by the browser tests (every page of the built site), by ``tools/preview.py --probe``
and by the paint benchmark. A control is *live* if at least one of its values changes what
the figure shows (its panels, readout, verdict or text summary); the probe tries the values
one by one until one does, then puts the control back.

    from figprobe import probe_page
    results = probe_page(page)    # a Playwright page, already loaded
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: axe-core run in a page: every rule except the deprecated ones and the three at WCAG level AAA
#: (enhanced contrast, identical links, refresh) -- so the experimental ones, "label in name"
#: and target size (WCAG 2.2 AA) run too. Returns the serious and critical violations.
AXE_RUN = """async () => {
    const rules = {};
    for (const r of axe._audit.rules) {
        rules[r.id] = {enabled: !(r.tags.includes('deprecated') || r.tags.includes('wcag2aaa'))};
    }
    const r = await axe.run(document, {rules});
    return r.violations.filter(x => x.impact === 'serious' || x.impact === 'critical')
        .map(x => `${x.id} (${x.impact}): ${x.nodes.length} x ${x.nodes[0].target.join(' ')}`);
}"""

# Runs in the page: a fingerprint of everything a figure shows.
_SIGNATURE = """(root) => {
  const body = root.querySelector('.p2p-body');
  const s = root.querySelector('.p2p-summary');
  const tip = root.querySelector('.p2p-tip');
  const act = document.activeElement;
  return (body ? body.innerHTML : '') + '|' + (s ? s.textContent : '') + '|' +
         (tip && !tip.hidden ? tip.textContent : '') + '|' +
         (act && root.contains(act) && act.classList.contains('p2p-person') ? act.getAttribute('aria-label') : '');
}"""

_CONTROLS = """(root) => Array.from(root.querySelectorAll('.p2p-controls .p2p-control')).map((c, i) => {
  const input = c.querySelector('input, select');
  const label = c.querySelector('label');
  return {i: i, kind: (c.className.match(/p2p-control-(\\w+)/) || [])[1] || '',
          tag: input ? input.tagName.toLowerCase() : '', type: input ? (input.type || '') : '',
          label: label ? label.textContent : '', options: input && input.options ? input.options.length : 0,
          min: input ? input.min : '', max: input ? input.max : '', step: input ? input.step : ''};
})"""


@dataclass
class ControlResult:
    figure: str
    label: str
    kind: str
    live: bool
    tried: int


@dataclass
class FigureResult:
    title: str
    controls: list[ControlResult] = field(default_factory=list)
    people_clickable: bool | None = None

    @property
    def dead(self) -> list[ControlResult]:
        return [c for c in self.controls if not c.live]


def _set_range(page, root, i: int, value: str) -> None:
    page.evaluate("""([root, i, v]) => {
      const c = root.querySelectorAll('.p2p-controls .p2p-control')[i].querySelector('input');
      c.value = v; c.dispatchEvent(new Event('input', {bubbles: true})); }""", [root, i, value])


def _set_select(page, root, i: int, index: int) -> None:
    page.evaluate("""([root, i, k]) => {
      const c = root.querySelectorAll('.p2p-controls .p2p-control')[i].querySelector('select');
      c.selectedIndex = k; c.dispatchEvent(new Event('change', {bubbles: true})); }""", [root, i, index])


def _settle(page, ms: int) -> None:
    page.wait_for_timeout(ms)


def probe_figure(page, root, settle_ms: int = 30, max_tries: int = 12) -> FigureResult:
    """Operate each control of one figure (``root`` an element handle of ``div.p2p-fig``)."""
    title = page.evaluate("(r) => (r.querySelector('.p2p-fig-title') || {}).textContent || r.id", root)
    res = FigureResult(title=title)
    sig = lambda: page.evaluate(_SIGNATURE, root)  # noqa: E731
    for c in page.evaluate(_CONTROLS, root):
        before = sig()
        live, tried = False, 0
        if c["tag"] == "input" and c["type"] == "range":
            lo, hi = float(c["min"]), float(c["max"])
            step = float(c["step"] or 1)
            start = page.evaluate("([r, i]) => r.querySelectorAll('.p2p-controls .p2p-control')[i].querySelector('input').value",
                                  [root, c["i"]])
            n = int(round((hi - lo) / step)) + 1
            picks = [lo + k * step for k in range(n)]
            picks = [v for v in picks if abs(v - float(start)) > 1e-9]
            # spread the tries over the range
            if len(picks) > max_tries:
                picks = [picks[round(k * (len(picks) - 1) / (max_tries - 1))] for k in range(max_tries)]
            for v in picks:
                tried += 1
                _set_range(page, root, c["i"], repr(v) if step % 1 else str(int(v)))
                _settle(page, settle_ms)
                if sig() != before:
                    live = True
                    break
            _set_range(page, root, c["i"], start)
        elif c["tag"] == "select":
            start = page.evaluate("([r, i]) => r.querySelectorAll('.p2p-controls .p2p-control')[i].querySelector('select').selectedIndex",
                                  [root, c["i"]])
            for k in range(c["options"]):
                if k == start:
                    continue
                tried += 1
                _set_select(page, root, c["i"], k)
                _settle(page, settle_ms)
                if sig() != before:
                    live = True
                    break
                if tried >= max_tries:
                    break
            _set_select(page, root, c["i"], start)
        elif c["tag"] == "input" and c["type"] == "checkbox":
            box = root.query_selector_all(".p2p-controls .p2p-control")[c["i"]].query_selector("input")
            box.click()
            tried = 1
            _settle(page, settle_ms)
            live = sig() != before
            box.click()
        elif c["tag"] == "input" and c["type"] == "search":
            name = page.evaluate("(r) => { const o = r.querySelector('datalist option:last-child'); return o ? o.value : ''; }", root)
            box = root.query_selector_all(".p2p-controls .p2p-control")[c["i"]].query_selector("input")
            box.fill(name)
            box.press("Enter")
            tried = 1
            _settle(page, settle_ms)
            live = bool(name) and sig() != before
            page.evaluate("(r) => { const t = r.querySelector('.p2p-tip'); if (t) t.hidden = true; }", root)
        elif c["tag"] == "input" and c["type"] == "number":
            box = root.query_selector_all(".p2p-controls .p2p-control")[c["i"]].query_selector("input")
            start = box.input_value()
            box.fill(str(int(float(start or 0)) + 1))
            box.dispatch_event("change")
            tried = 1
            page.wait_for_timeout(1500)
            live = sig() != before
            box.fill(start)
            box.dispatch_event("change")
        if c["kind"] == "play":
            button = root.query_selector_all(".p2p-controls .p2p-control")[c["i"]].query_selector("button")
            if button:
                b2 = sig()
                button.click()
                page.wait_for_timeout(1800)
                played = sig() != b2
                if button.get_attribute("aria-pressed") == "true":
                    button.click()
                res.controls.append(ControlResult(title, "Play", "play-button", played, 1))
        res.controls.append(ControlResult(title, c["label"], c["kind"] or c["type"], live, tried))
    # people: clicking a removable person changes the figure
    people = root.query_selector_all("svg.p2p-net path.p2p-person[role=button]")
    if people:
        before = sig()
        people[min(1, len(people) - 1)].click()
        _settle(page, settle_ms)
        res.people_clickable = sig() != before
        people = root.query_selector_all("svg.p2p-net path.p2p-person[role=button]")
        people[min(1, len(people) - 1)].click()
    return res


def probe_page(page, settle_ms: int = 30) -> list[FigureResult]:
    """Probe every interactive figure on the page (waits until all are drawn)."""
    page.wait_for_function("() => document.querySelectorAll('div.p2p-fig[data-p2pfig]').length === "
                           "document.querySelectorAll('div.p2p-fig.p2p-fig-ready').length", timeout=30_000)
    return [probe_figure(page, r, settle_ms) for r in page.query_selector_all("div.p2p-fig.p2p-fig-ready")]
