// Keeps a wave's response counts live while its page is open; without JavaScript the page
// shows the counts of the moment it was loaded, and a link reloads it.
(function () {
  "use strict";
  var live = document.querySelector("[data-progress]");
  if (!live) { return; }
  var url = live.getAttribute("data-progress");

  function show(name, value) {
    var cell = live.querySelector('[data-field="' + name + '"]');
    if (cell && cell.textContent !== value) { cell.textContent = value; }
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        show("invited", data.invited === null ? "—" : String(data.invited));
        show("started", String(data.started));
        show("completed", String(data.completed));
        show("rate", data.rate === null ? "—" : Math.round(data.rate * 100) + " %");
      })
      .catch(function () { /* try again at the next tick */ });
  }

  setInterval(poll, 2000);
})();
