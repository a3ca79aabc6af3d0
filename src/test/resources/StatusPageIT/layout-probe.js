// Appended to the status page by StatusPageIT (served without it in production): once the page
// has polled a few times, measures the probe table with getBoundingClientRect and writes a JSON
// report into a pre element (id layout-report) of the top document, for chromium --dump-dom. The
// test loads the page in an iframe of the width under test: headless Chromium's window is at
// least 500 px wide. Every column must be on screen,
// inside its section, unclipped and labelled; no cells, sections or page edges may overlap.
(function () {
  "use strict";
  function rect(e) { return e.getBoundingClientRect(); }
  function shown(e) {
    var r = rect(e), s = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && s.display !== "none";
  }
  function overlap(a, b) {
    return a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  }
  function label(td, th) {
    if (th && shown(th)) return th.textContent.trim();
    var c = getComputedStyle(td, "::before").content;
    return c && c !== "none" && c !== "normal" ? c.replace(/^"|"$/g, "") : "";
  }
  function measure() {
    var problems = [];
    var vw = document.documentElement.clientWidth;
    var page = document.documentElement.scrollWidth;
    if (page > vw + 0.5) problems.push("page is " + page + " px wide on a " + vw + " px screen");
    var table = document.getElementById("probe-table");
    var heads = Array.prototype.slice.call(table.querySelectorAll("thead th"));
    var names = heads.map(function (h) { return h.textContent.trim(); });
    var box = rect(table.closest("section"));
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
    rows.forEach(function (tr, i) {
      var cells = Array.prototype.slice.call(tr.children);
      if (cells.length !== heads.length) problems.push("row " + i + " has " + cells.length + " cells");
      cells.forEach(function (td, j) {
        var where = "row " + i + " column " + names[j];
        var r = rect(td);
        if (!shown(td)) { problems.push(where + " is not shown"); return; }
        if (r.left < box.left - 0.5 || r.right > box.right + 0.5) {
          problems.push(where + " [" + r.left + "," + r.right + "] leaves its section [" + box.left + "," + box.right + "]");
        }
        if (r.left < -0.5 || r.right > vw + 0.5) problems.push(where + " is off screen");
        if (td.scrollWidth > td.clientWidth + 1) problems.push(where + " clips its text");
        Array.prototype.forEach.call(td.children, function (child) {
          var c = rect(child);
          if (c.left < r.left - 0.5 || c.right > r.right + 0.5) problems.push(where + " content sticks out");
        });
        if (label(td, heads[j]) !== names[j]) problems.push(where + " is labelled '" + label(td, heads[j]) + "'");
        cells.slice(0, j).forEach(function (other, k) {
          if (overlap(rect(other), r)) problems.push(where + " overlaps column " + names[k]);
        });
      });
    });
    var sections = Array.prototype.slice.call(document.querySelectorAll("main > section")).filter(shown);
    sections.forEach(function (s, i) {
      var r = rect(s);
      if (r.right > vw + 0.5) problems.push("section " + i + " ends at " + r.right + " past " + vw);
      sections.slice(0, i).forEach(function (o, k) {
        if (overlap(rect(o), r)) problems.push("section " + i + " overlaps section " + k);
      });
    });
    return {
      viewport: vw,
      columns: names,
      rows: rows.length,
      ids: rows.map(function (tr) { return tr.children[0].textContent; }),
      cards: heads.length > 0 && !shown(heads[0]),
      problems: problems
    };
  }
  function report() {
    if (Number(document.body.dataset.polls || 0) < 3) { setTimeout(report, 100); return; }
    var pre = document.createElement("pre");
    pre.id = "layout-report";
    pre.textContent = JSON.stringify(measure());
    (window.parent !== window ? window.parent.document : document).body.appendChild(pre);
  }
  report();
})();
