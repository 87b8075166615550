// Client-side sorting and filtering for guidetrace pages. No network, no innerHTML:
// the script only reads textContent and toggles classes, so page text stays inert.
(function () {
  "use strict";

  function cellValue(row, index) {
    var cell = row.cells[index];
    var text = cell ? cell.textContent.trim() : "";
    var number = Number(text);
    return text !== "" && !isNaN(number) ? number : text;
  }

  function makeSortable(table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (th, index) {
      th.tabIndex = 0;
      th.setAttribute("aria-sort", "none");
      function sort() {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, index), y = cellValue(b, index);
          var order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "ja");
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (event) { if (event.key === "Enter") { sort(); } });
    });
  }

  function filterRows(input) {
    var table = document.getElementById(input.getAttribute("data-filter"));
    if (!table) { return; }
    input.addEventListener("input", function () {
      var needle = input.value.trim().toLowerCase();
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        row.hidden = needle !== "" && row.textContent.toLowerCase().indexOf(needle) === -1;
      });
    });
  }

  function filterArticles(input) {
    input.addEventListener("input", function () {
      var needle = input.value.trim().toLowerCase();
      document.querySelectorAll("article.opinion").forEach(function (article) {
        article.hidden = needle !== "" && article.textContent.toLowerCase().indexOf(needle) === -1;
      });
    });
  }

  // Search: the index is script shards in assets/ (file:// pages cannot fetch JSON), loaded when
  // someone searches, read shard by shard until LIMIT hits. Results are built with textContent.
  var LIMIT = 100;
  var shards = {}, meta = null, pending = {}, generation = 0;
  window.GT_SEARCH_META = function (m) { meta = m; (pending.meta || []).forEach(function (f) { f(); }); };
  window.GT_SEARCH_SHARD = function (n, rows) { shards[n] = rows; (pending[n] || []).forEach(function (f) { f(); }); };

  function load(name, key, done) {
    if ((key === "meta" && meta) || shards[key]) { done(); return; }
    (pending[key] = pending[key] || []).push(done);
    if (pending[key].length > 1) { return; }
    var script = document.createElement("script");
    script.src = "assets/" + name;
    document.head.appendChild(script);
  }

  function fold(text) { return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim(); }

  // A hit's snippet in the text as written (row[3], else the folded row[2] was the same): the text is folded
  // a character with its marks at a time, noting where each folded character came from, so the match
  // found in the folded form is cut from the original; its ends are moved out to word boundaries (the
  // browser's word segmenter, which knows Japanese), so no name is cut in half.
  var words = window.Intl && Intl.Segmenter ? new Intl.Segmenter(document.documentElement.lang || "ja", {granularity: "word"}) : null;
  var BEFORE = 20, AFTER = 40;

  function snippet(row, query) {
    var text = row.length > 3 ? row[3] : row[2], folded = "", from = [], space = true;
    var pieces = text.match(/[\s\S][\u0300-\u036f\u3099\u309a\uff9e\uff9f\ufe00-\ufe0f]*/g) || [], at = 0;
    pieces.forEach(function (piece) {
      var f = fold(piece);
      if (f === "") { if (!space) { folded += " "; from.push(at); } space = true; }
      else { for (var i = 0; i < f.length; i++) { from.push(at); } folded += f; space = false; }
      at += piece.length;
    });
    from.push(text.length);
    var lead = text.indexOf(row[1]) === 0 ? row[1].length : 0;  // an opinion's id and submitter: the link shows them
    var hit = folded.indexOf(query);
    var start = hit < 0 ? 0 : from[hit], end = hit < 0 ? 0 : from[Math.min(hit + query.length, from.length - 1)];
    if (start < lead) { start = end = lead; }
    var s = Math.max(lead, start - BEFORE), e = Math.min(text.length, end + AFTER);
    if (words) {
      var cuts = Array.from(words.segment(text), function (part) { return part.index; }).concat([text.length]);
      s = cuts.filter(function (c) { return c <= s && c >= lead; }).pop() || lead;
      e = cuts.find(function (c) { return c >= e; });
    }
    return (s > lead ? "…" : "") + text.slice(s, e).trim() + (e < text.length ? "…" : "");
  }

  function search(input, list) {
    var query = fold(input.value), mine = ++generation, found = 0;
    while (list.firstChild) { list.removeChild(list.firstChild); }
    list.hidden = query === "";
    if (query === "") { return; }
    function show(row) {
      var item = document.createElement("li"), link = document.createElement("a");
      link.href = row[0];
      link.textContent = row[1];
      item.appendChild(link);
      var small = document.createElement("small");
      small.textContent = " " + snippet(row, query);
      item.appendChild(small);
      list.appendChild(item);
    }
    function note(text) { var li = document.createElement("li"); li.className = "muted"; li.textContent = text; list.appendChild(li); }
    function scan(n) {
      if (mine !== generation) { return; }
      if (n >= meta.shards || found >= LIMIT) {
        if (found === 0) { note(input.getAttribute("data-none")); }
        if (found >= LIMIT) { note(LIMIT + " " + input.getAttribute("data-more")); }
        return;
      }
      load("search-" + n + ".js", n, function () {
        if (mine !== generation) { return; }
        shards[n].forEach(function (row) {
          if (found < LIMIT && row[2].indexOf(query) !== -1) { found += 1; show(row); }
        });
        scan(n + 1);
      });
    }
    load("search-meta.js", "meta", function () { scan(0); });
  }

  var box = document.getElementById("gt-search"), results = document.getElementById("gt-results");
  if (box && results) {
    var timer = null;
    box.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(function () { search(box, results); }, 200); });
  }

  document.querySelectorAll("table.sortable").forEach(makeSortable);
  document.querySelectorAll("input[data-filter]").forEach(filterRows);
  document.querySelectorAll("input[data-filter-articles]").forEach(filterArticles);
}());
