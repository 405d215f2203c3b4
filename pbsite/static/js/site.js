// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Move focus to the error summary so screen readers hear it first.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }

  var announcer = document.querySelector("[data-live-announcer]");
  function announce(text) {
    if (!announcer) { return; }
    announcer.textContent = "";
    window.setTimeout(function () { announcer.textContent = text; }, 50);
  }

  // One WebSocket per signed-in page: notification counts, and streams pages ask to follow.
  var socketPath = document.body.getAttribute("data-live-socket");
  if (!socketPath || !("WebSocket" in window)) { return; }
  var listeners = [];
  window.BudgetCircle = {
    announce: announce,
    onEvent: function (callback) { listeners.push(callback); },
    follow: function (stream, id) { pending.push({ follow: stream, id: id }); flush(); },
  };
  var pending = [];
  var socket = null;
  var delay = 1000;

  function flush() {
    if (socket && socket.readyState === 1) {
      pending.forEach(function (message) { socket.send(JSON.stringify(message)); });
    }
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + window.location.host + socketPath);
    socket.onopen = function () { delay = 1000; flush(); };
    socket.onmessage = function (message) {
      var data;
      try { data = JSON.parse(message.data); } catch (error) { return; }
      if (data.type === "notification") {
        document.querySelectorAll("[data-unread-count]").forEach(function (node) {
          node.textContent = data.unread;
        });
        announce("New notification: " + data.text);
      }
      listeners.forEach(function (callback) { callback(data); });
    };
    socket.onclose = function (event) {
      if (event.code === 4401) { return; }
      window.setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    };
  }
  connect();
})();
