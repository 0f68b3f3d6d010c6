// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Move focus to the list of problems of a rejected form.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }

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
