// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Move focus to the list of problems of a rejected form.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }

  // Quiz answers save themselves a few seconds after a change (the Save button does the same).
  document.querySelectorAll("form[data-autosave]").forEach(function (form) {
    var timer = null;
    form.addEventListener("change", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var data = new FormData(form);
        data.set("action", "save");
        fetch(form.action || window.location.href, {
          method: "POST", body: data, credentials: "same-origin", headers: { "X-Autosave": "1" }
        });
      }, 2000);
    });
  });

  // Narrow the ministry list to the chosen country, and show "other" only when picked.
  var country = document.querySelector("[data-country-select]");
  var ministry = document.querySelector("[data-ministry-select]");
  if (!country || !ministry) { return; }
  var otherField = document.getElementById("ministry_other");
  var otherWrap = otherField ? otherField.closest(".field") : null;

  function sync() {
    ministry.querySelectorAll("optgroup").forEach(function (group) {
      var match = group.dataset.country === country.value;
      group.hidden = !match;
      group.disabled = !match;
    });
    var chosen = ministry.options[ministry.selectedIndex];
    if (chosen && chosen.parentElement.tagName === "OPTGROUP" && chosen.parentElement.disabled) {
      ministry.value = "";
    }
    if (otherWrap) { otherWrap.hidden = ministry.value !== "other"; }
  }
  country.addEventListener("change", sync);
  ministry.addEventListener("change", sync);
  sync();
})();

// Course editor: refresh the check and preview after a pause in typing. The Preview button does the
// same without JavaScript; this only saves a click. Answers arriving out of order are ignored.
(function () {
  "use strict";
  var form = document.querySelector("form[data-live-preview]");
  var target = document.querySelector("[data-preview-target]");
  if (!form || !target || !window.fetch || !window.FormData) { return; }
  var text = form.querySelector("textarea");
  var timer = null;
  var sent = 0;

  function refresh() {
    var ticket = ++sent;
    fetch(form.dataset.livePreview, { method: "POST", body: new FormData(form), credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.text();
      })
      .then(function (html) { if (ticket === sent) { target.innerHTML = html; } })
      .catch(function () { /* keep the last preview; the Preview button still works */ });
  }
  text.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 800);
  });
})();
