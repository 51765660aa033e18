// Offers Swagger UI's "try it out" on the API reference page, opened on request. The page lists
// every address without it.
(function () {
    "use strict";
    function start(target) {
        window.SwaggerUIBundle({
            url: target.getAttribute("data-schema-url"),
            domNode: target,
            deepLinking: false,
            validatorUrl: null,  // never ask another site to validate the schema
            presets: [window.SwaggerUIBundle.presets.apis],
            layout: "BaseLayout",
            requestInterceptor: function (request) {
                var match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
                if (match) { request.headers["X-CSRFToken"] = decodeURIComponent(match[1]); }
                return request;
            },
        });
    }
    document.addEventListener("DOMContentLoaded", function () {
        var target = document.getElementById("swagger-ui");
        var button = document.getElementById("api-explorer-open");
        if (!target || !button || typeof window.SwaggerUIBundle !== "function") { return; }
        target.closest(".api-try").hidden = false;
        button.addEventListener("click", function () {
            var opening = target.hidden;
            target.hidden = !opening;
            button.setAttribute("aria-expanded", String(opening));
            button.textContent = opening ? "Close the API explorer" : "Open the API explorer";
            if (opening && !target.hasChildNodes()) { start(target); }
        });
    });
})();
