// Live preview of Markdown while writing (questions, answers, comments). Progressive enhancement:
// without this file the forms' "Preview" button shows the same preview from the server.
(function () {
    "use strict";

    function csrfToken(form) {
        var input = form && form.querySelector("input[name=csrfmiddlewaretoken]");
        return input ? input.value : "";
    }

    function setUp(textarea) {
        var url = textarea.getAttribute("data-preview-url");
        var form = textarea.form;
        if (!url || !form) { return; }
        var region = document.createElement("section");
        region.className = "md-preview md-preview--live";
        var heading = document.createElement("h2");
        heading.className = "md-preview__heading";
        heading.id = textarea.id + "-live-preview";
        heading.textContent = "Preview: how it will look";
        region.setAttribute("aria-labelledby", heading.id);
        var body = document.createElement("div");
        body.className = "md-preview__body";
        region.appendChild(heading);
        region.appendChild(body);
        region.hidden = true;
        var anchor = textarea.closest(".field") || textarea;
        anchor.parentNode.insertBefore(region, anchor.nextSibling);
        // The server-rendered preview of a no-JS round trip is replaced by the live one.
        var old = form.querySelector(".md-preview:not(.md-preview--live)");
        if (old) { old.remove(); }

        var timer = null;
        var latest = 0;
        function refresh() {
            var text = textarea.value;
            if (!text.trim()) { region.hidden = true; body.textContent = ""; return; }
            var ticket = ++latest;
            var data = new FormData();
            data.append("text", text);
            fetch(url, {method: "POST", body: data, credentials: "same-origin",
                        headers: {"X-CSRFToken": csrfToken(form)}})
                .then(function (response) { return response.ok ? response.text() : null; })
                .then(function (html) {
                    if (html === null || ticket !== latest) { return; }
                    // Sanitised by the server with the same rules as published text.
                    body.innerHTML = html;
                    region.hidden = false;
                })
                .catch(function () { /* the Preview button still works */ });
        }
        textarea.addEventListener("input", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(refresh, 400);
        });
        if (textarea.value.trim()) { refresh(); }
    }

    document.addEventListener("DOMContentLoaded", function () {
        Array.prototype.forEach.call(document.querySelectorAll("textarea[data-preview-url]"), setUp);
    });
})();
