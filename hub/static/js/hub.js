// Progressive enhancement for the whole site. Every page works without this file.
(function () {
    "use strict";
    document.documentElement.classList.remove("no-js");
    document.documentElement.classList.add("js");

    function setUpNavToggle() {
        var toggle = document.querySelector(".nav-toggle");
        var nav = document.getElementById("site-nav");
        if (!toggle || !nav) { return; }
        toggle.hidden = false;
        nav.classList.add("is-collapsed");
        toggle.addEventListener("click", function () {
            var open = toggle.getAttribute("aria-expanded") === "true";
            toggle.setAttribute("aria-expanded", String(!open));
            nav.classList.toggle("is-collapsed", open);
        });
    }

    document.addEventListener("DOMContentLoaded", setUpNavToggle);
})();
