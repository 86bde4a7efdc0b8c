/* Search and sort for the ropa HTML report. Everything is rendered on the server side;
   this script only adds a search box that filters table rows and sortable columns.
   No network access, no external code. */
(function () {
  "use strict";

  var toolbar = document.getElementById("toolbar");
  var search = document.getElementById("search");
  var status = document.getElementById("search-status");
  var tables = Array.prototype.slice.call(document.querySelectorAll("table.filterable"));
  var blocks = Array.prototype.slice.call(document.querySelectorAll("article.block"));
  if (!toolbar || !search) {
    return;
  }
  toolbar.hidden = false;
  document.documentElement.classList.add("js");

  function fold(text) {
    var folded = text.toLowerCase();
    return folded.normalize ? folded.normalize("NFC") : folded;
  }

  function format(template, shown, total) {
    return template.replace("{shown}", String(shown)).replace("{total}", String(total));
  }

  /* Search: hide rows whose text does not contain every word typed. */
  tables.forEach(function (table) {
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      row.setAttribute("data-text", fold(row.textContent || ""));
    });
  });

  blocks.forEach(function (block) {
    block.setAttribute("data-text", fold(block.textContent || ""));
  });

  function filter() {
    var words = fold(search.value).split(/\s+/).filter(Boolean);
    var shownAll = 0;
    var totalAll = 0;
    blocks.forEach(function (block) {
      var text = block.getAttribute("data-text") || "";
      var hit = words.every(function (word) { return text.indexOf(word) !== -1; });
      block.hidden = !hit;
      totalAll += 1;
      if (hit) { shownAll += 1; }
    });
    tables.forEach(function (table) {
      var rows = table.tBodies[0].rows;
      var shown = 0;
      Array.prototype.forEach.call(rows, function (row) {
        var text = row.getAttribute("data-text") || "";
        var hit = words.every(function (word) { return text.indexOf(word) !== -1; });
        row.hidden = !hit;
        if (hit) { shown += 1; }
      });
      totalAll += rows.length;
      shownAll += shown;
      var count = table.querySelector(".row-count");
      if (count) {
        count.textContent = words.length ? "(" + format(toolbar.dataset.rowsShown, shown, rows.length) + ")" : "";
      }
      table.classList.toggle("no-match", words.length > 0 && shown === 0 && rows.length > 0);
    });
    status.textContent = words.length ? format(toolbar.dataset.rowsShown, shownAll, totalAll) : "";
  }

  var timer = null;
  search.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(filter, 120);
  });
  search.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { search.value = ""; filter(); }
  });

  /* Sort: a button in each column header; a second press reverses the order. */
  var collator = new Intl.Collator(document.documentElement.lang || undefined,
                                   { numeric: true, sensitivity: "base" });

  function sortTable(table, index, header) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var keyed = rows.map(function (row, position) {
      var cell = row.cells[index];
      return { row: row, key: cell ? (cell.textContent || "").trim() : "", position: position };
    });
    keyed.sort(function (a, b) {
      if (!a.key && b.key) { return 1; }   /* empty cells last, either way */
      if (a.key && !b.key) { return -1; }
      var order = collator.compare(a.key, b.key);
      return (ascending ? order : -order) || a.position - b.position;
    });
    keyed.forEach(function (item) { body.appendChild(item.row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      cell.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  /* The header text stays where it is (Chromium does not repeat headers whose text sits
     in a button when printing); a small button beside it, and a click on the header,
     sort the column. */
  tables.forEach(function (table) {
    if (!table.classList.contains("sortable") || !table.tHead) { return; }
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.setAttribute("aria-label", (toolbar.dataset.sortLabel || "Sort") + ": " +
                          (header.textContent || "").trim());
      button.textContent = "\u2195";
      header.insertBefore(button, header.querySelector(".note"));
      header.classList.add("sortable-header");
      header.addEventListener("click", function () { sortTable(table, index, header); });
    });
  });

  var print = document.getElementById("print-button");
  if (print) {
    print.addEventListener("click", function () { window.print(); });
  }
})();
