(function () {
  "use strict";
  var ideas = JSON.parse(document.getElementById("longlist-index").textContent);
  var form = document.getElementById("filters");
  var search = document.getElementById("search");
  var department = document.getElementById("department");
  var theme = document.getElementById("theme");
  var stage = document.getElementById("stage");
  var count = document.getElementById("result-count");
  function fold(s) {
    return s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var haystacks = ideas.map(function (i) {
    return fold([i.reference, i.title, i.summary, i.department, i.themes.join(" "), i.submittedBy.join(" ")].join(" "));
  });
  var timer = null;
  function apply() {
    var words = fold(search.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    ideas.forEach(function (i, k) {
      var match = words.every(function (w) { return haystacks[k].indexOf(w) !== -1; }) &&
        (!department.value || i.department === department.value) &&
        (!theme.value || i.themes.indexOf(theme.value) !== -1) &&
        (!stage.value || i.stageReached === stage.value);
      document.getElementById("idea-" + k).hidden = !match;
      if (match) { shown += 1; }
    });
    var filtered = words.length || department.value || theme.value || stage.value;
    var noun = ideas.length === 1 ? " idea" : " ideas";
    count.textContent = filtered ? "Showing " + shown + " of " + ideas.length + noun : ideas.length + noun;
  }
  // Announce the count once typing pauses, not on every key.
  function later() {
    clearTimeout(timer);
    timer = setTimeout(apply, 250);
  }
  form.addEventListener("input", later);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.hidden = false;
}());
