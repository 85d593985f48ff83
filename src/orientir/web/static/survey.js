// Improves the survey page when JavaScript runs; everything works without it.
// 1. Saves the page's answers shortly after each change, so a closed tab loses nothing.
// 2. Keeps the running total of an allocation block up to date.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form) { return; }
  var status = form.querySelector(".autosave-status");
  var timer = null;
  var savedText = document.documentElement.lang === "ru" ? "Сохранено" : "Saved";

  function save() {
    timer = null;
    var body = new URLSearchParams(new FormData(form));
    body.delete("nav");
    fetch(form.getAttribute("data-autosave"), {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-Autosave": "1" }
    }).then(function (response) {
      if (status && response.status === 204) { status.textContent = savedText; }
    }).catch(function () { /* the buttons still save */ });
  }

  function totals() {
    form.querySelectorAll("fieldset[data-block]").forEach(function (block) {
      var sum = 0;
      block.querySelectorAll(".alloc-input").forEach(function (input) {
        var value = parseInt(input.value.replace(/\s/g, ""), 10);
        if (!isNaN(value)) { sum += value; }
      });
      var output = block.querySelector("output");
      if (output) { output.textContent = String(sum); }
    });
  }

  form.addEventListener("input", function () {
    totals();
    if (status) { status.textContent = ""; }
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(save, 600);
  });
  form.addEventListener("submit", function () {
    if (timer) { clearTimeout(timer); timer = null; }
  });
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
})();
