"""The HTML report's style sheet and script, kept apart from the markup code so each reads on its own.

Colours meet WCAG AA contrast for their text (white on the badge colours,
dark text on the highlight tints); severity is never shown by colour alone
(badges carry the word, checklist items an icon and a hidden label).
Filtering works by classes on ``<body>`` (``hide-sev-error``, ``hide-cat-claims``),
so the page is complete without the script, which only toggles them.
"""

from __future__ import annotations

from kaplint.finding import CATEGORIES, SEVERITY_NAMES

_FILTER_RULES = "".join(
    f"body.hide-{name} mark.{name}{{background:none;border-bottom-color:transparent}}"
    f"body.hide-{name} mark.{name}>.tip{{display:none!important}}"
    f"body.hide-{name} li.item.{name}{{display:none}}"
    for name in [f"sev-{severity}" for severity in SEVERITY_NAMES] + [f"cat-{category}" for category in CATEGORIES]
)

STYLE = (
    """
:root{--ink:#1b1f24;--muted:#4a535e;--line:#d0d7de;--paper:#fff;--panel:#f6f8fa;
--error:#b42318;--error-tint:#ffe1de;--warning:#8a5a00;--warning-tint:#fff0c2;
--suggestion:#1d5fbf;--suggestion-tint:#dcebff;--ok:#1a7f37;--ok-tint:#dafbe1;--focus:#0b3d91}
*{box-sizing:border-box}
html{scroll-padding-top:6rem}
body{margin:0;color:var(--ink);background:var(--paper);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
header,main,footer{max-width:74rem;margin:0 auto;padding:0 1.25rem}
header{padding-top:1.25rem}
h1{font-size:1.6rem;margin:.2rem 0}
h2{font-size:1.3rem;margin:0 0 .2rem;word-break:break-all}
h3{font-size:1.05rem;margin:1.4rem 0 .5rem;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
h4{font-size:.95rem;margin:0 0 .5rem}
a{color:var(--focus)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:var(--paper);padding:.4rem;z-index:20}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.headline{font-size:1.1rem;margin:.2rem 0 .6rem}
.verdict-failed{color:var(--error)}.verdict-passed{color:var(--ok)}
.meta{color:var(--muted);margin:.1rem 0 .6rem}
.small{font-size:.85rem;color:var(--muted);margin:.3rem 0}
.filters{position:sticky;top:0;z-index:15;width:min(71.5rem,calc(100% - 2.5rem));margin:.5rem auto 1rem;display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;align-items:center;
background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:.5rem .8rem;box-shadow:0 2px 6px rgba(0,0,0,.06)}
.filters[hidden]{display:none}
.filters fieldset{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.2rem .8rem;align-items:center}
.filters legend{float:left;font-weight:600;margin-right:.4rem}
.filters label{white-space:nowrap;cursor:pointer}
.filters input{width:1.05rem;height:1.05rem;vertical-align:-.15rem;accent-color:var(--focus)}
.shown{margin:0;font-size:.9rem;color:var(--muted)}
.badge{display:inline-block;border-radius:999px;padding:0 .5rem;font-size:.78rem;font-weight:600;color:#fff;line-height:1.5;font-family:system-ui,sans-serif}
.badge.sev-error{background:var(--error)}.badge.sev-warning{background:var(--warning)}.badge.sev-suggestion{background:var(--suggestion)}
table.summary{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem;font-size:.95rem}
.summary th,.summary td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left}
.summary thead th{border-bottom:2px solid var(--ink)}
.summary .num{text-align:right}
.summary th[scope=row]{font-weight:500}
.pill{display:inline-block;border-radius:4px;padding:0 .4rem;font-weight:600}
.pill.st-ok{background:var(--ok-tint)}.pill.st-warning{background:var(--warning-tint)}.pill.st-error{background:var(--error-tint)}
section.document{border-top:3px solid var(--ink);padding:1.2rem 0 1.5rem;margin-top:1rem}
.scorecard{display:grid;grid-template-columns:minmax(15rem,1fr) minmax(0,2fr);gap:.8rem;align-items:start}
.card{border:1px solid var(--line);border-radius:8px;padding:.8rem 1rem;background:var(--paper)}
@media (max-width:48rem){.scorecard{grid-template-columns:1fr}}
.card.grade{border-left:6px solid var(--line)}
.card.st-ok{border-left:6px solid var(--ok)}.card.st-warning{border-left:6px solid var(--warning)}.card.st-error{border-left:6px solid var(--error)}
.big{margin:.1rem 0}.big .value{font-size:2.2rem;font-weight:700;line-height:1.1}.big .verdict{font-weight:600;margin-left:.3rem}
.grade.st-ok .verdict{color:var(--ok)}.grade.st-warning .verdict{color:var(--warning)}.grade.st-error .verdict{color:var(--error)}
.target{margin:.1rem 0;font-weight:500}
svg.grade-chart{display:block;max-width:42rem;height:auto;font:13px system-ui,sans-serif}
svg .label{fill:var(--ink)}svg .value{fill:var(--ink);font-weight:600;paint-order:stroke;stroke:var(--paper);stroke-width:4px}svg .none{fill:var(--muted);font-style:italic}
svg .bar.st-ok{fill:var(--ok)}svg .bar.st-warning{fill:#c98a00}svg .bar.st-error{fill:var(--error)}
svg .target{stroke:var(--ink);stroke-width:1.5;stroke-dasharray:4 3}svg .target.error{stroke:var(--error)}
svg .target-label{fill:var(--muted);font-size:11px}
ul.elements{list-style:none;margin:0 0 .4rem;padding:0;display:flex;flex-wrap:wrap;gap:.25rem}
ul.elements li{border:1px solid var(--line);border-radius:6px;padding:.05rem .45rem;font-size:.88rem;background:var(--panel)}
ul.elements li.st-missing{background:var(--error-tint);border-color:#f1aeb5}
ul.elements li.st-present{background:var(--ok-tint);border-color:#9be9a8}
ul.elements .icon{font-weight:700;margin-right:.25rem}
li.st-missing .icon{color:var(--error)}li.st-present .icon{color:var(--ok)}
.level{font-size:.75rem;font-weight:600;text-transform:uppercase;color:var(--muted)}.level.lv-error{color:var(--error)}
details summary{cursor:pointer;font-size:.88rem;color:var(--muted);margin:.3rem 0}
.meter{display:grid;grid-template-columns:5rem 1fr 2.5rem;align-items:center;gap:.5rem;margin:.3rem 0}
.meter .track{background:var(--panel);border:1px solid var(--line);border-radius:4px;height:1rem;overflow:hidden}
.meter .fill{display:block;height:100%}.fill.benefit{background:var(--suggestion)}.fill.risk{background:var(--warning)}
.meter .count{font-weight:700;text-align:right}
ol.findings{padding-left:0;list-style:none;margin:0}
li.item{border-left:4px solid var(--line);padding:.35rem .7rem;margin:.3rem 0;background:var(--panel);border-radius:0 6px 6px 0}
li.item.sev-error{border-left-color:var(--error)}li.item.sev-warning{border-left-color:var(--warning)}li.item.sev-suggestion{border-left-color:var(--suggestion)}
li.item .jump{font-variant-numeric:tabular-nums;font-weight:600;margin-right:.2rem}
li.item .rule{font-weight:600}li.item .match{color:var(--muted)}
li.item .sugg,.tip .sugg{color:var(--muted)}
li.item .title{font-weight:650}li.item .code{font-size:.8rem;color:var(--muted);margin-left:.3rem}
li.item .jump{font-weight:500;font-size:.85rem}
li.item details.explain{margin:.2rem 0 0}li.item details.explain p{margin:.25rem 0;font-size:.92rem}
li.item .sources{color:var(--muted);font-size:.85rem}
li.item .add blockquote{margin:.2rem 0 .1rem;padding:.4rem .7rem;background:var(--paper);border:1px dashed var(--line);border-radius:6px;user-select:all}
.group h4{margin:1rem 0 .1rem}.group .count{color:var(--muted);font-weight:500}
.doc-verdict{font-weight:650;margin:.2rem 0}.doc-verdict.verdict-failed{color:var(--error)}.doc-verdict.verdict-passed{color:var(--ok)}
.card .note{margin-top:.4rem}
svg .bar.st-unjudged{fill:#b8bec6}
pre.source{white-space:pre-wrap;overflow-wrap:anywhere;font:15px/1.75 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;
background:var(--paper);border:1px solid var(--line);border-radius:8px;padding:1rem;margin:0}
mark.hl{color:inherit;border-bottom:2px solid;scroll-margin:6rem}
mark.hl.first{position:relative;cursor:help}
mark.sev-suggestion{background:var(--suggestion-tint);border-bottom-color:var(--suggestion)}
mark.sev-warning{background:var(--warning-tint);border-bottom-color:var(--warning)}
mark.sev-error{background:var(--error-tint);border-bottom-color:var(--error)}
mark.hl:focus{outline:3px solid var(--focus);outline-offset:1px}
mark.hl .tip{display:none;position:absolute;left:0;top:calc(100% + 4px);z-index:10;width:max-content;max-width:min(30rem,85vw);
white-space:normal;text-align:left;font:14px/1.45 system-ui,sans-serif;color:var(--ink);background:var(--paper);
border:1px solid var(--ink);border-radius:6px;box-shadow:0 4px 14px rgba(0,0,0,.18);padding:.5rem .7rem}
.tip .row{display:block;margin:.1rem 0}.tip .where{color:var(--muted);font-size:.82rem}
mark.first:focus>.tip,mark.first:target>.tip,mark.first:hover:not(:has(mark.first:hover))>.tip{display:block}
footer{padding-bottom:2rem}
@media print{
 .filters,.skip,script{display:none!important}
 body{font-size:11pt}
 mark.hl .tip{display:none!important}
 mark.hl{background:none!important;border-bottom-width:2px}
 mark.sev-error{text-decoration:underline wavy var(--error)}
 section.document{break-before:page;border-top:0}
 .card,li.item,tr{break-inside:avoid}
 pre.source{border:0;padding:0}
 a{color:inherit;text-decoration:none}
}
"""
    + _FILTER_RULES
)

SCRIPT = """
(function () {
  var form = document.getElementById('filters');
  if (!form) return;
  form.hidden = false;
  var boxes = form.querySelectorAll('input[name=filter]');
  var items = document.querySelectorAll('li.item');
  var marks = document.querySelectorAll('mark.first');
  function hiddenClasses() {
    var hidden = [];
    boxes.forEach(function (box) { if (!box.checked) hidden.push(box.value); });
    return hidden;
  }
  function isHidden(element, hidden) {
    return hidden.some(function (name) { return element.classList.contains(name); });
  }
  function apply() {
    var hidden = hiddenClasses();
    boxes.forEach(function (box) { document.body.classList.toggle('hide-' + box.value, !box.checked); });
    // Filtered-out highlights leave the tab order, so the keyboard visits only what is shown.
    marks.forEach(function (mark) { mark.tabIndex = isHidden(mark, hidden) ? -1 : 0; });
    var shown = 0;
    items.forEach(function (item) { if (!isHidden(item, hidden)) shown += 1; });
    document.getElementById('shown').textContent = shown === items.length
      ? 'Showing all ' + shown + ' findings.' : 'Showing ' + shown + ' of ' + items.length + ' findings.';
  }
  form.addEventListener('change', apply);
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a.jump');
    if (!link) return;
    var mark = document.getElementById(link.getAttribute('data-target'));
    if (!mark) return;
    event.preventDefault();
    mark.scrollIntoView({block: 'center'});
    mark.focus({preventScroll: true});
  });
  // Keep a tooltip inside the window: shift it left when it would run off the right edge.
  function place(mark) {
    var tip = mark.querySelector(':scope > .tip');
    if (!tip) return;
    tip.style.left = '';
    var overflow = tip.getBoundingClientRect().right - (document.documentElement.clientWidth - 8);
    if (overflow > 0) tip.style.left = (-overflow) + 'px';
  }
  document.addEventListener('focusin', function (event) {
    if (event.target.matches && event.target.matches('mark.first')) place(event.target);
  });
  document.addEventListener('mouseover', function (event) {
    var mark = event.target.closest && event.target.closest('mark.first');
    if (mark) window.requestAnimationFrame(function () { place(mark); });
  });
  document.addEventListener('keydown', function (event) {
    var active = document.activeElement;
    if (event.key === 'Escape' && active && active.classList.contains('hl')) active.blur();
  });
  apply();
})();
"""
