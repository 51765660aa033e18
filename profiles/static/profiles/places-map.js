// The map page, enhanced: a marker names its place as you point at it or tab to it, and each place
// in the list can be shown on the map. Without this file the map and the list work as they are.
(function () {
    "use strict";

    function describe(caption, marker) {
        var title = marker.querySelector("title");
        caption.textContent = title ? title.textContent : "";
        caption.hidden = !caption.textContent;
    }

    function choose(map, caption, marker) {
        map.querySelectorAll(".is-chosen").forEach(function (item) { item.classList.remove("is-chosen"); });
        marker.classList.add("is-chosen");
        var item = document.getElementById(marker.getAttribute("data-place"));
        if (item) { item.classList.add("is-chosen"); }
        describe(caption, marker);
    }

    function setUp() {
        var map = document.querySelector(".places-map");
        var caption = document.querySelector(".places-map__chosen");
        if (!map || !caption) { return; }
        map.querySelectorAll(".places-map__marker").forEach(function (marker) {
            marker.addEventListener("focus", function () { choose(map, caption, marker); });
            marker.addEventListener("mouseenter", function () { choose(map, caption, marker); });
        });
        document.querySelectorAll(".place-list__show").forEach(function (button) {
            var marker = document.getElementById(button.getAttribute("data-marker"));
            if (!marker) { return; }
            button.hidden = false;
            button.addEventListener("click", function () {
                document.querySelectorAll(".place-list__item.is-chosen").forEach(function (item) { item.classList.remove("is-chosen"); });
                choose(map, caption, marker);
                map.scrollIntoView({ behavior: "smooth", block: "center" });
                marker.focus();
            });
        });
    }

    document.addEventListener("DOMContentLoaded", setUp);
})();
