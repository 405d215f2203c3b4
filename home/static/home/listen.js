// "Listen to this guide": the browser's own speech reads the page aloud. Progressive
// enhancement: the control stays hidden unless this script finds speech it can use.
(function () {
  "use strict";
  var control = document.querySelector("[data-listen]");
  var source = document.querySelector("[data-listen-source]");
  var speech = window.speechSynthesis;
  if (!control || !source || !speech || !("SpeechSynthesisUtterance" in window)) { return; }

  var play = control.querySelector("[data-listen-play]");
  var pause = control.querySelector("[data-listen-pause]");
  var stop = control.querySelector("[data-listen-stop]");
  var status = control.querySelector("[data-listen-status]");
  var words = control.querySelector("[data-listen-words]").dataset;
  var playLabel = play.textContent;
  var language = document.documentElement.lang || "en-GB";
  // "idle", "speaking" or "paused". Each piece is its own utterance: browsers cut long ones off.
  var state = "idle";
  var pieces = [];
  var position = 0;
  var current = null;

  var READ = "h1, h2, h3, h4, p, li, dt, dd, blockquote, figcaption, summary";

  function textOf(element) {
    var copy = element.cloneNode(true);
    copy.querySelectorAll("[data-listen-skip], .glossary-term__meaning, .visually-hidden, img, svg")
      .forEach(function (node) { node.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function collect() {
    var found = [];
    source.querySelectorAll(READ).forEach(function (element) {
      if (element.closest("[data-listen-skip], .tag-list, .guide-meta")) { return; }
      // A list item or paragraph inside another one we read is read with it.
      var outer = element.parentElement && element.parentElement.closest(READ);
      if (outer && source.contains(outer)) { return; }
      var text = textOf(element);
      if (text) { found.push({ element: element, text: text }); }
    });
    return found;
  }

  function show(newState, message) {
    state = newState;
    pause.disabled = newState !== "speaking";
    stop.disabled = newState === "idle";
    play.disabled = newState === "speaking";
    play.textContent = newState === "paused" ? words.resume : playLabel;
    if (message) { status.textContent = message; }
    source.querySelectorAll(".listen-current").forEach(function (node) {
      node.classList.remove("listen-current");
    });
    if (newState !== "idle" && pieces[position]) {
      pieces[position].element.classList.add("listen-current");
    }
  }

  function speakFrom(index) {
    if (index >= pieces.length) {
      position = 0;
      show("idle", words.finished);
      return;
    }
    position = index;
    var utterance = new window.SpeechSynthesisUtterance(pieces[index].text);
    utterance.lang = language;
    utterance.rate = 0.95;
    utterance.onend = function () {
      if (current === utterance && state === "speaking") { speakFrom(index + 1); }
    };
    utterance.onerror = function (event) {
      if (current !== utterance || event.error === "interrupted" || event.error === "canceled") { return; }
      show("idle", words.failed);
    };
    current = utterance;
    show("speaking");
    speech.speak(utterance);
  }

  play.addEventListener("click", function () {
    if (state === "paused") {
      show("speaking", words.reading);
      speech.resume();
      pause.focus();
      return;
    }
    speech.cancel();
    pieces = collect();
    status.textContent = words.reading;
    speakFrom(0);
    if (state === "speaking") { pause.focus(); }
  });
  pause.addEventListener("click", function () {
    if (state !== "speaking") { return; }
    speech.pause();
    show("paused", words.paused);
    play.focus();
  });
  stop.addEventListener("click", function () {
    current = null;
    speech.cancel();
    position = 0;
    show("idle", words.stopped);
    play.focus();
  });
  // Leaving the page stops the voice: it would otherwise carry on over the next page.
  window.addEventListener("pagehide", function () { speech.cancel(); });

  control.hidden = false;
})();
