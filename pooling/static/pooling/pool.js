// Live updates on a pool's page: joins, votes and changes of state, announced politely.
// Without JavaScript, reloading the page shows the same things.
(function () {
  "use strict";
  var region = document.querySelector("[data-pool-live]");
  if (!region || !window.BudgetCircle) { return; }
  var poolId = region.getAttribute("data-pool-live");
  var status = document.querySelector("[data-pool-status]");
  window.BudgetCircle.follow("pool", poolId);
  window.BudgetCircle.onEvent(function (event) {
    if (event.type !== "event" || event.stream !== "pool") { return; }
    var text = "This group has changed: " + event.label + ". Reload the page to see the details.";
    if (status) {
      status.textContent = text;
      status.hidden = false;
    }
    window.BudgetCircle.announce(text);
  });
})();
