// Progressive enhancement for the ask form: offer similar questions while the title is typed.
// Without JavaScript the "Check for similar questions" button does the same on the server.
(function () {
  "use strict";
  var form = document.querySelector("form[data-similar-url]");
  if (!form) { return; }
  var title = form.querySelector("input[name=title]");
  var box = document.getElementById("similar-questions");
  var url = form.getAttribute("data-similar-url");
  var timer = null;
  var last = "";

  function show(results) {
    box.textContent = "";
    if (!results.length) { return; }
    var heading = document.createElement("h2");
    heading.textContent = "Similar questions already asked";
    var list = document.createElement("ul");
    results.forEach(function (item) {
      var li = document.createElement("li");
      var link = document.createElement("a");
      link.href = item.url;
      link.textContent = item.title;
      li.appendChild(link);
      li.appendChild(document.createTextNode(" (" + item.answers + (item.answers === 1 ? " answer)" : " answers)")));
      list.appendChild(li);
    });
    box.appendChild(heading);
    box.appendChild(list);
  }

  function lookup() {
    var value = title.value.trim();
    if (value.length < 8 || value === last) { return; }
    last = value;
    fetch(url + "?title=" + encodeURIComponent(value), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) { show(data.results || []); })
      .catch(function () { /* the server-side check still works */ });
  }

  title.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(lookup, 400);
  });
})();
