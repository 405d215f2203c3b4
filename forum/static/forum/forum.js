// Forum enhancements. Every forum page works without this file.
(function () {
  "use strict";

  // "Leave this site quickly": the link works on its own; pressing Escape three times
  // within two seconds does the same, and the page is replaced so Back does not return.
  var exit = document.querySelector("[data-quick-exit]");
  if (exit) {
    var leave = function (event) {
      if (event) { event.preventDefault(); }
      document.body.textContent = "";
      window.location.replace(exit.href);
    };
    exit.addEventListener("click", leave);
    var presses = [];
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") { return; }
      var now = Date.now();
      presses = presses.filter(function (time) { return now - time < 2000; });
      presses.push(now);
      if (presses.length >= 3) { leave(); }
    });
  }

  // Drafts: what someone types is kept in this browser until it is sent.
  function storage() {
    try { return window.localStorage; } catch (error) { return null; }
  }
  document.querySelectorAll("form[data-draft-key]").forEach(function (form) {
    var store = storage();
    var box = form.querySelector("textarea");
    if (!store || !box) { return; }
    var key = "budgetcircle:draft:" + form.getAttribute("data-draft-key");
    var saved = store.getItem(key);
    if (saved && !box.value.trim()) {
      box.value = saved;
      var note = document.createElement("p");
      note.className = "field__hint";
      note.textContent = "We kept what you wrote last time. It has not been sent yet.";
      box.parentNode.insertBefore(note, box);
    }
    box.addEventListener("input", function () {
      if (box.value.trim()) { store.setItem(key, box.value); } else { store.removeItem(key); }
    });
    // Cleared once the page after sending loads with no error; see below.
    form.addEventListener("submit", function () { store.setItem(key + ":sent", "1"); });
  });
  // A page with no error summary after sending: the draft arrived, so forget it.
  (function () {
    var store = storage();
    if (!store || document.querySelector("[data-error-summary]")) { return; }
    Object.keys(store).forEach(function (key) {
      if (key.indexOf("budgetcircle:draft:") === 0 && key.slice(-5) === ":sent") {
        store.removeItem(key.slice(0, -5));
        store.removeItem(key);
      }
    });
  })();

  // Crisis words: show where to get help now, while the person is still writing.
  document.querySelectorAll("form[data-crisis-phrases]").forEach(function (form) {
    var phrases = form.getAttribute("data-crisis-phrases").toLowerCase().split("|");
    var notice = form.querySelector("[data-crisis-notice]");
    var box = form.querySelector("textarea");
    if (!notice || !box) { return; }
    var check = function () {
      var text = box.value.toLowerCase().replace(/\u2019/g, "'").replace(/\s+/g, " ");
      var found = phrases.some(function (phrase) { return phrase && text.indexOf(phrase) !== -1; });
      if (found) { notice.hidden = false; }
    };
    box.addEventListener("input", check);
    check();
  });

  // Live replies: follow this topic on the page's one WebSocket and add new posts.
  var topic = document.querySelector("[data-live-topic]");
  if (topic && window.BudgetCircle) {
    var topicId = parseInt(topic.getAttribute("data-live-topic"), 10);
    var list = topic.querySelector("[data-posts]");
    window.BudgetCircle.onEvent(function (data) {
      if (data.type !== "event" || data.stream !== "topic" || data.event !== "post") { return; }
      if (document.getElementById("post-" + data.post_id)) { return; }
      var holder = document.createElement("div");
      holder.innerHTML = data.html;  // rendered and sanitised by the server
      var post = holder.firstElementChild;
      if (!post) { return; }
      post.classList.add("post--new");
      list.appendChild(post);
      window.BudgetCircle.announce("New reply from " + data.author);
    });
    window.BudgetCircle.follow("topic", topicId);
  }
})();
