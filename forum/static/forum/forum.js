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

  // Drafts: what someone types is kept in this browser until the server has it.
  // The page after a successful send names the drafts it received (data-drafts-sent, a
  // one-time flag the server sets), and those are forgotten before any draft is restored.
  // A failed send re-renders the form with the typed text, so its draft stays.
  var DRAFT_PREFIX = "budgetcircle:draft:";
  function storage() {
    try { return window.localStorage; } catch (error) { return null; }
  }
  (function forgetSentDrafts() {
    var store = storage();
    if (!store) { return; }
    document.querySelectorAll("[data-drafts-sent]").forEach(function (node) {
      node.getAttribute("data-drafts-sent").split(/\s+/).forEach(function (name) {
        if (name) { store.removeItem(DRAFT_PREFIX + name); }
      });
    });
    // Markers an earlier version of this file left behind; they meant nothing certain.
    Object.keys(store).forEach(function (key) {
      if (key.indexOf(DRAFT_PREFIX) === 0 && key.slice(-5) === ":sent") { store.removeItem(key); }
    });
  })();
  var restoredDrafts = [];
  document.querySelectorAll("form[data-draft-key]").forEach(function (form) {
    var store = storage();
    var box = form.querySelector("textarea");
    if (!store || !box) { return; }
    var key = DRAFT_PREFIX + form.getAttribute("data-draft-key");
    var saved = store.getItem(key);
    if (saved && !box.value.trim()) {
      box.value = saved;
      var note = document.createElement("p");
      note.className = "field__hint";
      note.setAttribute("data-draft-restored", "");
      note.textContent = form.getAttribute("data-draft-restored-note") ||
        "We kept what you wrote last time. It has not been sent yet.";
      box.parentNode.insertBefore(note, box);
      restoredDrafts.push({ key: key, box: box, note: note, text: saved });
    }
    box.addEventListener("input", function () {
      if (box.value.trim()) { store.setItem(key, box.value); } else { store.removeItem(key); }
    });
  });
  // The same draft sent from another tab (its page after sending forgets the draft), or a
  // post of ours arriving live: a box still showing that untouched draft is emptied.
  function forgetDraftsSentElsewhere() {
    var store = storage();
    if (!store) { return; }
    restoredDrafts = restoredDrafts.filter(function (draft) {
      if (store.getItem(draft.key) !== null || draft.box.value !== draft.text) { return true; }
      draft.box.value = "";
      if (draft.note.parentNode) { draft.note.parentNode.removeChild(draft.note); }
      return false;
    });
  }
  window.addEventListener("storage", function (event) {
    if (event.key === null || event.key.indexOf(DRAFT_PREFIX) === 0) { forgetDraftsSentElsewhere(); }
  });

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
      forgetDraftsSentElsewhere();
      window.BudgetCircle.announce("New reply from " + data.author);
    });
    window.BudgetCircle.follow("topic", topicId);
  }
})();
