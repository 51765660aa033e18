// Adds Swagger UI's "try it out" to the API reference page. The page lists every address without it.
(function () {
    "use strict";
    document.addEventListener("DOMContentLoaded", function () {
        var target = document.getElementById("swagger-ui");
        if (!target || typeof window.SwaggerUIBundle !== "function") { return; }
        target.closest(".api-try").hidden = false;
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
    });
})();
