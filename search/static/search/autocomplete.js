// Suggestions under the search box (the ARIA combobox pattern). Progressive enhancement: the
// box is an ordinary search form without this file, and Enter always searches as typed.
(function () {
  "use strict";

  var announcer = document.querySelector("[data-live-announcer]");
  function announce(text) {
    if (!announcer) { return; }
    announcer.textContent = "";
    window.setTimeout(function () { announcer.textContent = text; }, 50);
  }

  function enhance(input, number) {
    var listId = "search-suggestions-" + number;
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggestions");
    list.hidden = true;
    input.parentNode.classList.add("has-suggestions");
    input.insertAdjacentElement("afterend", list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    var items = [];
    var active = -1;
    var timer = null;
    var asked = "";

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function choose(index) { window.location.href = items[index].url; }

    function render(suggestions) {
      items = suggestions;
      active = -1;
      list.textContent = "";
      suggestions.forEach(function (suggestion, index) {
        var option = document.createElement("li");
        option.id = listId + "-" + index;
        option.className = "suggestions__item";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        var title = document.createElement("span");
        title.textContent = suggestion.title;
        var kind = document.createElement("span");
        kind.className = "suggestions__kind";
        kind.textContent = suggestion.kind;
        option.appendChild(title);
        option.appendChild(kind);
        // mousedown, not click: it comes before the box loses focus and closes the list.
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(index);
        });
        list.appendChild(option);
      });
      if (!suggestions.length) { close(); return; }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      announce(suggestions.length + (suggestions.length === 1 ? " suggestion" : " suggestions") +
        ". Use the up and down arrow keys to choose one.");
    }

    function ask() {
      var text = input.value.trim();
      if (text.length < 2) { asked = ""; close(); return; }
      if (text === asked) { return; }
      asked = text;
      fetch(input.getAttribute("data-autocomplete") + "?q=" + encodeURIComponent(text), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (input.value.trim() === text) { render(data.suggestions); } })
        .catch(close);
    }

    function move(step) {
      if (!items.length) { return; }
      if (list.hidden) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
      active = (active + step + items.length) % items.length;
      Array.prototype.forEach.call(list.children, function (option, index) {
        option.setAttribute("aria-selected", index === active ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", listId + "-" + active);
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, 200);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") { event.preventDefault(); move(1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); move(-1); }
      else if (event.key === "Enter" && active >= 0 && !list.hidden) { event.preventDefault(); choose(active); }
      else if (event.key === "Escape" && !list.hidden) { event.preventDefault(); close(); }
    });
    input.addEventListener("blur", close);
  }

  Array.prototype.forEach.call(document.querySelectorAll("input[data-autocomplete]"), enhance);
})();
