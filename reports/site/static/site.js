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

  function search(input, list) {
    var query = fold(input.value), mine = ++generation, found = 0;
    while (list.firstChild) { list.removeChild(list.firstChild); }
    list.hidden = query === "";
    if (query === "") { return; }
    function show(row) {
      var item = document.createElement("li"), link = document.createElement("a"), at = row[2].indexOf(query);
      link.href = row[0];
      link.textContent = row[1];
      item.appendChild(link);
      var snippet = document.createElement("small");
      snippet.textContent = " " + row[2].slice(Math.max(0, at - 20), at + query.length + 40);
      item.appendChild(snippet);
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
