/**
 * The style sheet and script the `html` format inlines in every page (`html.ts` writes the markup).
 * Hand-written and static: they never contain text from a linted file, so nothing here needs escaping,
 * and the script reads only the numbers and keywords the formatter writes into `data-` attributes.
 *
 * Markup they rely on (written by `html.ts`):
 * - a finding in a list: `li.f` with `data-i` (its number), `data-sev`, `data-rule` (a rule index);
 * - a place in a matrix that has findings (cell, activity, party header, section heading): `data-f`
 *   (the numbers of its findings, space-separated), `data-o` (the worst severity shown, which
 *   draws its outline), a `.tip` child whose `[data-i]` lines give the messages;
 * - `#filters`: check boxes `name="sev"` (severities), `name="rule"` (rule indexes), `name="only"`.
 */

/** The page's CSS: heat colours and patterns per role, outlines per severity, sticky headers, print. */
export const PAGE_STYLE = `
:root{--R:#1d4ed8;--A:#6d28d9;--C:#a14a0a;--I:#047857;--X:#4b5563;--hR:#dbeafe;--hA:#ede9fe;--hC:#fdecc8;--hI:#dcfce7;--hX:#f3f4f6;
--error:#b91c1c;--warning:#a14a0a;--info:#1d4ed8;--line:#d1d5db;--muted:#4b5563;--ink:#111827;color-scheme:light}
*{box-sizing:border-box}
html{scroll-padding-top:3.5rem}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans","Liberation Sans",sans-serif;color:var(--ink);background:#fff}
header,main,footer{padding:0 1.5rem}
h1{font-size:1.6rem;margin:1rem 0 .25rem}
h2{font-size:1.25rem;margin:2rem 0 .5rem;padding-top:.75rem;border-top:2px solid var(--ink);overflow-wrap:anywhere}
h3{font-size:1.05rem;margin:1.25rem 0 .4rem}
h4{font-size:.95rem;margin:1rem 0 .3rem}
a{color:#1d4ed8}
code,pre{font-family:ui-monospace,"DejaVu Sans Mono","Liberation Mono",monospace}
.muted{color:var(--muted)}
.verdict{display:inline-block;font-weight:700;padding:.2rem .6rem;border:2px solid;border-radius:4px;margin:.25rem 0}
.verdict.fail{color:var(--error)}
.verdict.pass{color:var(--I)}
.counts{display:flex;flex-wrap:wrap;gap:.4rem 1.5rem;margin:.5rem 0;padding:0;list-style:none}
.counts b{font-size:1.15rem}
table{border-collapse:separate;border-spacing:0}
.plain th,.plain td{padding:.2rem .6rem;border-bottom:1px solid var(--line);text-align:left}
.plain td.n{text-align:right;font-variant-numeric:tabular-nums}
.key{display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;margin:.5rem 0;padding:0;list-style:none}
#filters{position:sticky;top:0;z-index:30;background:#f9fafb;border-bottom:1px solid var(--line);padding:.35rem 1.5rem;display:flex;flex-wrap:wrap;gap:.2rem 1.5rem;align-items:center}
#filters[hidden]{display:none}
#filters fieldset{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.1rem .8rem;align-items:center}
#filters legend{float:left;font-weight:600;margin-right:.4rem}
#filters label{white-space:nowrap}
#filters output{color:var(--muted)}
.kR,.kA,.kC,.kI,.kX,.kbad{display:inline-block;min-width:1.45em;margin:0 1px;padding:0 .2em;border:1.5px solid transparent;border-radius:2px;font:700 12px/1.4 ui-monospace,"DejaVu Sans Mono",monospace;text-align:center;color:#fff;background:var(--X)}
.kR{background:var(--R)}
.kA{background:var(--A);border-style:double;border-color:#fff;border-width:3px;line-height:1}
.kC{background:var(--C);border-radius:1em}
.kI{background:#fff;color:var(--I);border-color:var(--I)}
.kX{background:#fff;color:var(--X);border:1.5px dashed var(--X)}
.kbad{background:#fff;color:var(--error);border:1.5px dashed var(--error);font-style:italic}
.tx{font-size:12px;color:var(--ink)}
.m{width:100%;max-width:76rem;margin:.25rem 0 1rem;font-size:13px;table-layout:fixed}
.chunk{content-visibility:auto}
.chunk>.m{margin:0}
.chunk:last-child>.m{margin-bottom:1rem}
section.file{content-visibility:auto;contain-intrinsic-size:auto 1200px}
.m thead th+th{width:var(--party-width,6.5rem)}
.m tbody:last-child tr:nth-last-child(-n+3) .tip{top:auto;bottom:100%}
.m th,.m td{border-right:1px solid var(--line);border-bottom:1px solid var(--line);padding:.2rem .45rem;vertical-align:middle}
.m thead th:first-child,.m tbody th{border-left:1px solid var(--line)}
.m thead th{position:sticky;top:var(--nav,0px);z-index:2;background:#f3f4f6;border-top:1px solid var(--line);text-align:center;font-weight:600}
.m thead th:first-child{text-align:left}
.m tbody th{text-align:left;font-weight:400;overflow-wrap:anywhere}
.m td{text-align:center;white-space:nowrap;min-width:4.5rem}
.m tr.g th{background:#e5e7eb;font-weight:700}
.m td.hR{background:var(--hR)}
.m td.hA{background:var(--hA) repeating-linear-gradient(135deg,transparent 0 7px,rgba(109,40,217,.16) 7px 9px)}
.m td.hC{background:var(--hC) radial-gradient(rgba(161,74,10,.28) 1px,transparent 1.6px) 0 0/7px 7px}
.m td.hI{background:var(--hI)}
.m td.hX{background:var(--hX)}
.m td.miss{background:#fff repeating-linear-gradient(45deg,transparent 0 5px,#d1d5db 5px 6px)}
.m td.unread{background:#fff}
.only-f .m tbody tr:not(.hf):not(.g){display:none}
.none{color:var(--muted)}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
[data-f]{position:relative;cursor:help}
.m thead th[data-f]{position:sticky}
[data-o]{outline-width:3px;outline-offset:-5px}
[data-o=error]{outline:3px solid var(--error);outline-offset:-5px}
[data-o=warning]{outline:3px dashed var(--warning);outline-offset:-5px}
[data-o=info]{outline:3px dotted var(--info);outline-offset:-5px}
[data-f]:focus{box-shadow:inset 0 0 0 2px var(--ink)}
.mk{font:700 10px/1 system-ui,"DejaVu Sans",sans-serif;vertical-align:super;margin-left:.2rem;color:var(--ink)}
[data-o=error] .mk::before{content:"\\2716\\00a0";color:var(--error)}
[data-o=warning] .mk::before{content:"\\25b2\\00a0";color:var(--warning)}
[data-o=info] .mk::before{content:"\\25cf\\00a0";color:var(--info)}
[data-f]:not([data-o]) .mk{display:none}
.tip{display:none;position:absolute;z-index:20;left:0;top:100%;min-width:18rem;max-width:34rem;padding:.45rem .6rem;background:var(--ink);color:#fff;
font:400 13px/1.4 system-ui,"DejaVu Sans",sans-serif;text-align:left;white-space:normal;border-radius:4px;box-shadow:0 4px 14px rgba(0,0,0,.35)}
td>.tip,thead th:last-child>.tip{left:auto;right:0}
[data-f]:hover>.tip,[data-f]:focus>.tip{display:block}
.tl{display:block}
.tl+.tl{margin-top:.3rem}
.tl[hidden]{display:none}
.sev{display:inline-block;font-weight:700;font-size:12px;padding:0 .35rem;border-radius:3px;border:1.5px solid;background:#fff}
.s-error{color:var(--error)}
.s-warning{color:var(--warning)}
.s-info{color:var(--info)}
.tip .sev{background:transparent;border-color:currentColor;color:#fff}
.sev.s-error::before{content:"\\2716\\00a0"}
.sev.s-warning::before{content:"\\25b2\\00a0"}
.sev.s-info::before{content:"\\25cf\\00a0"}
ol.findings{padding-left:2.6rem}
ol.findings>li{margin:.35rem 0;padding:.15rem 0}
ol.findings>li[hidden]{display:none}
.f .where{display:block;font-size:12px}
.f .where a+a{margin-left:1rem}
.rule{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:12px}
.cmp{margin:.35rem 0;font-size:12px}
.cmp caption{text-align:left;font-weight:600}
.cmp th,.cmp td{border:1px solid var(--line);padding:.15rem .45rem;text-align:left;vertical-align:top}
.cmp td.diff{border:2px dashed var(--ink);font-weight:700}
.cmp .pn{margin-right:.25rem}
.load{margin:.25rem 0 1rem;font-size:13px}
.load th,.load td{padding:.15rem .5rem;border-bottom:1px solid var(--line);text-align:left}
.load td.n{text-align:right;font-variant-numeric:tabular-nums}
.load td.bar{width:22rem}
.bars{display:flex;width:100%;height:1rem;background:#f9fafb}
.bars>span{display:block;height:100%}
.bR{background:var(--R)}
.bA{background:repeating-linear-gradient(135deg,var(--A) 0 5px,#a78bfa 5px 7px)}
.bC{background:radial-gradient(#fde68a 1.2px,var(--C) 1.8px) 0 0/5px 5px}
.bI{background:#fff;box-shadow:inset 0 0 0 2px var(--I)}
.bX{background:repeating-linear-gradient(90deg,var(--X) 0 3px,#d1d5db 3px 5px)}
details.src{margin:.5rem 0 1rem}
details.src summary{cursor:pointer;color:#1d4ed8}
pre.code{margin:.3rem 0;padding:.5rem;background:#f9fafb;border:1px solid var(--line);font-size:12px;line-height:1.5;white-space:pre-wrap;overflow-wrap:anywhere}
pre.code>span::before{content:attr(data-n);display:inline-block;width:3.2rem;padding-right:.6rem;text-align:right;color:var(--muted);user-select:none}
:target{scroll-margin-top:4rem}
th:target,pre.code>span:target,li:target{background:#fef08a}
footer{margin:2rem 0 1rem;color:var(--muted);font-size:12px}
@media print{
@page{margin:12mm}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{font-size:10pt}
#filters,.tip,details.src{display:none!important}
section.file,.chunk{content-visibility:visible}
.m thead th,.m thead th[data-f]{position:static}
thead{display:table-header-group}
tr,li,.cmp{break-inside:avoid}
h2,h3,h4{break-after:avoid}
section.file+section.file{break-before:page}
a{color:inherit;text-decoration:none}
[data-f]{cursor:auto}
[data-f]:focus{box-shadow:none}
}
`;

/**
 * The page's script: shows the filters (hidden without script), applies them by setting `hidden` on
 * findings and tip lines and recomputing each marked place's outline (only places with findings are
 * touched, so a matrix of 10,000 activities filters as fast as a small one), and opens the source
 * view a link points into. Event delegation: one listener per kind of event.
 */
export const PAGE_SCRIPT = `
(function () {
  "use strict";
  var RANK = { error: 3, warning: 2, info: 1 };
  var nav = document.getElementById("filters");
  var items = document.querySelectorAll("li.f[data-i]");
  var places = document.querySelectorAll("[data-f]");
  var sev = {}, rule = {};
  for (var i = 0; i < items.length; i++) {
    sev[items[i].getAttribute("data-i")] = items[i].getAttribute("data-sev");
    rule[items[i].getAttribute("data-i")] = items[i].getAttribute("data-rule");
  }
  var hiddenSev = {}, hiddenRule = {};
  function shown(n) { return !hiddenSev[sev[n]] && !hiddenRule[rule[n]]; }
  function apply() {
    var count = 0;
    for (var i = 0; i < items.length; i++) {
      var on = shown(items[i].getAttribute("data-i"));
      items[i].hidden = !on;
      if (on) count++;
    }
    var rows = [];
    for (var j = 0; j < places.length; j++) {
      var place = places[j], worst = "", nums = place.getAttribute("data-f").split(" ");
      for (var k = 0; k < nums.length; k++) {
        if (shown(nums[k]) && (!worst || RANK[sev[nums[k]]] > RANK[worst])) worst = sev[nums[k]];
      }
      if (worst) place.setAttribute("data-o", worst); else place.removeAttribute("data-o");
      var lines = place.querySelectorAll(".tl[data-i]");
      for (var m = 0; m < lines.length; m++) lines[m].hidden = !shown(lines[m].getAttribute("data-i"));
      var row = place.closest("tbody tr");
      if (row) {
        if (rows.indexOf(row) < 0) { rows.push(row); row.classList.remove("hf"); }
        if (worst) row.classList.add("hf");
      }
    }
    var out = document.getElementById("shown");
    if (out) out.textContent = count + " of " + items.length + " findings shown";
  }
  function measure() { document.documentElement.style.setProperty("--nav", nav.offsetHeight + "px"); }
  if (nav) {
    nav.hidden = false;
    measure();
    window.addEventListener("resize", measure);
    nav.addEventListener("change", function (event) {
      var box = event.target;
      if (!box || box.type !== "checkbox") return;
      if (box.name === "sev") hiddenSev[box.value] = !box.checked;
      else if (box.name === "rule") hiddenRule[box.value] = !box.checked;
      else if (box.name === "only") { document.body.classList.toggle("only-f", box.checked); return; }
      apply();
    });
  }
  function reveal(hash) {
    var id;
    try { id = decodeURIComponent(hash); } catch (error) { return; }
    var target = id && document.getElementById(id);
    if (!target) return;
    var box = target.closest("details");
    if (box) box.open = true;
    var row = target.closest("tbody tr");
    if (row && document.body.classList.contains("only-f") && !row.classList.contains("hf")) {
      document.body.classList.remove("only-f");
      var only = nav && nav.querySelector("input[name=only]");
      if (only) only.checked = false;
    }
    if (target.hasAttribute("tabindex")) target.focus({ preventScroll: true });
  }
  document.addEventListener("click", function (event) {
    var link = event.target && event.target.closest ? event.target.closest("a[href^='#']") : null;
    if (link) reveal(link.getAttribute("href").slice(1));
  });
  if (location.hash) reveal(location.hash.slice(1));
})();
`;
