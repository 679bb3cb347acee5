/* Enhances the members table: filter by name or code and by status, sort by
   any column. The table is complete without it; controls are added here so
   that readers without JavaScript never see controls that do nothing. */
(function () {
  "use strict";
  var table = document.getElementById("members-table");
  if (!table || !table.tBodies.length) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);

  // The words of the controls come with the page, in its language (data-words-* on the table).
  function words(name) { return table.getAttribute("data-words-" + name) || ""; }
  function element(tag, attributes, text) {
    var made = document.createElement(tag);
    Object.keys(attributes).forEach(function (name) { made.setAttribute(name, attributes[name]); });
    if (text) { made.textContent = text; }
    return made;
  }
  var controls = element("div", {"class": "filters"});
  var search = element("input", {id: "member-filter", type: "search", autocomplete: "off"});
  var status = element("select", {id: "member-status"});
  [["", words("all")], ["member", words("members")], ["withdrawn", words("former")]].forEach(function (option) {
    status.appendChild(element("option", {value: option[0]}, option[1]));
  });
  var count = element("p", {id: "member-count", role: "status", "aria-live": "polite"});
  var first = element("div", {}), second = element("div", {});
  first.appendChild(element("label", {"for": "member-filter"}, words("filter")));
  first.appendChild(search);
  second.appendChild(element("label", {"for": "member-status"}, words("status")));
  second.appendChild(status);
  controls.appendChild(first);
  controls.appendChild(second);
  controls.appendChild(count);
  table.parentNode.insertBefore(controls, table);

  // Names are compared without accents or case, as the page's data-names holds them ("cote" finds
  // Côte d'Ivoire); data-names has every name and code a country is known by ("Turkey", "VNM").
  function folded(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function filter() {
    var text = folded(search.value.trim());
    var shown = 0;
    rows.forEach(function (row) {
      var words = folded(row.cells[0].textContent + "|" + row.cells[1].textContent + "|" +
        (row.getAttribute("data-names") || ""));
      var visible = words.indexOf(text) !== -1 && (!status.value || row.getAttribute("data-status") === status.value);
      row.hidden = !visible;
      if (visible) { shown += 1; }
    });
    count.textContent = words("shown").replace("{shown}", shown).replace("{total}", rows.length);
  }
  search.addEventListener("input", filter);
  status.addEventListener("change", filter);

  function key(row, index) {
    var cell = row.cells[index];
    return (cell.getAttribute("data-sort") || cell.textContent).trim().toLowerCase();
  }
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  // the stylesheet keeps the sort buttons on screen on narrow screens, where the header row is hidden
  table.classList.add("enhanced");
  headers.forEach(function (th, index) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      rows.sort(function (a, b) {
        var x = key(a, index), y = key(b, index);
        return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  filter();
}());
