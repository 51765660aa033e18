// Suggestions under every search box that has data-suggest-url: an ARIA 1.2 combobox with a
// listbox popup. Without this file the boxes are plain search forms and work the same.
(function () {
    "use strict";
    var script = document.currentScript;
    var counter = 0;

    function loadStyles() {
        if (!script || document.querySelector("link[data-suggest-css]")) { return; }
        var link = document.createElement("link");
        link.rel = "stylesheet";
        link.href = script.src.replace(/suggest\.js(\?.*)?$/, "suggest.css");
        link.setAttribute("data-suggest-css", "");
        document.head.appendChild(link);
    }

    function liveRegion() {
        var region = document.getElementById("suggest-status");
        if (!region) {
            region = document.createElement("div");
            region.id = "suggest-status";
            region.className = "visually-hidden";
            region.setAttribute("role", "status");
            region.setAttribute("aria-live", "polite");
            document.body.appendChild(region);
        }
        return region;
    }

    function Combobox(input) {
        counter += 1;
        this.input = input;
        this.url = input.getAttribute("data-suggest-url");
        this.form = input.form;
        this.list = document.createElement("ul");
        this.list.id = "suggest-list-" + counter;
        this.list.className = "suggest-list";
        this.list.setAttribute("role", "listbox");
        this.list.setAttribute("aria-label", "Suggestions");
        this.list.hidden = true;
        this.items = [];
        this.active = -1;
        this.timer = null;
        this.request = null;
        input.parentNode.classList.add("suggest");
        input.insertAdjacentElement("afterend", this.list);
        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-expanded", "false");
        input.setAttribute("aria-controls", this.list.id);
        input.addEventListener("input", this.onInput.bind(this));
        input.addEventListener("keydown", this.onKeyDown.bind(this));
        input.addEventListener("blur", this.onBlur.bind(this));
        this.list.addEventListener("mousedown", function (event) { event.preventDefault(); });
        this.list.addEventListener("click", this.onClick.bind(this));
    }

    Combobox.prototype.onInput = function () {
        var self = this;
        window.clearTimeout(this.timer);
        var text = this.input.value.trim();
        if (text.length < 2) { this.close(); return; }
        this.timer = window.setTimeout(function () { self.fetch(text); }, 200);
    };

    Combobox.prototype.fetch = function (text) {
        var self = this;
        if (this.request) { this.request.abort(); }
        this.request = new AbortController();
        fetch(this.url + "?q=" + encodeURIComponent(text), { signal: this.request.signal, headers: { "Accept": "application/json" } })
            .then(function (response) { return response.ok ? response.json() : null; })
            .then(function (data) { if (data && self.input.value.trim() === text) { self.render(data); } })
            .catch(function () { /* Suggestions are optional: the form still submits. */ });
    };

    Combobox.prototype.render = function (data) {
        var self = this;
        this.list.textContent = "";
        this.items = [];
        this.active = -1;
        data.titles.forEach(function (item) { self.addOption(item.title, item.label, { url: item.url }); });
        data.tags.forEach(function (tag) { self.addOption(tag, "Tag", { text: tag }); });
        var count = this.items.length;
        liveRegion().textContent = count ? count + (count === 1 ? " suggestion" : " suggestions") + " available. Use the up and down arrow keys to choose." : "No suggestions.";
        if (count) { this.open(); } else { this.close(); }
    };

    Combobox.prototype.addOption = function (text, kind, target) {
        var option = document.createElement("li");
        option.id = this.list.id + "-" + this.items.length;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.appendChild(document.createTextNode(text + " "));
        var label = document.createElement("span");
        label.className = "suggest-kind";
        label.textContent = "(" + kind + ")";
        option.appendChild(label);
        this.list.appendChild(option);
        this.items.push({ element: option, target: target });
    };

    Combobox.prototype.open = function () {
        this.list.hidden = false;
        this.input.setAttribute("aria-expanded", "true");
    };

    Combobox.prototype.close = function () {
        this.list.hidden = true;
        this.active = -1;
        this.input.setAttribute("aria-expanded", "false");
        this.input.removeAttribute("aria-activedescendant");
    };

    Combobox.prototype.highlight = function (index) {
        if (!this.items.length) { return; }
        if (this.active >= 0) { this.items[this.active].element.setAttribute("aria-selected", "false"); }
        this.active = (index + this.items.length) % this.items.length;
        var option = this.items[this.active].element;
        option.setAttribute("aria-selected", "true");
        option.scrollIntoView({ block: "nearest" });
        this.input.setAttribute("aria-activedescendant", option.id);
    };

    Combobox.prototype.choose = function (index) {
        var target = this.items[index].target;
        this.close();
        if (target.url) { window.location.assign(target.url); return; }
        this.input.value = target.text;
        if (this.form) { this.form.submit(); }
    };

    Combobox.prototype.onKeyDown = function (event) {
        var isOpen = !this.list.hidden;
        if (event.key === "ArrowDown") {
            event.preventDefault();
            if (!isOpen && this.items.length) { this.open(); }
            this.highlight(this.active + 1);
        } else if (event.key === "ArrowUp") {
            event.preventDefault();
            if (!isOpen && this.items.length) { this.open(); }
            this.highlight(this.active - 1);
        } else if (event.key === "Enter" && isOpen && this.active >= 0) {
            event.preventDefault();
            this.choose(this.active);
        } else if (event.key === "Escape") {
            if (isOpen) { event.preventDefault(); this.close(); } else { this.input.value = ""; }
        } else if (event.key === "Tab") {
            this.close();
        }
    };

    Combobox.prototype.onClick = function (event) {
        var option = event.target.closest("[role=option]");
        if (!option) { return; }
        var index = this.items.findIndex(function (item) { return item.element === option; });
        if (index >= 0) { this.choose(index); }
    };

    Combobox.prototype.onBlur = function () {
        this.close();
    };

    function setUp() {
        var inputs = document.querySelectorAll("input[data-suggest-url]");
        if (!inputs.length || !window.fetch) { return; }
        loadStyles();
        Array.prototype.forEach.call(inputs, function (input) { return new Combobox(input); });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", setUp);
    } else {
        setUp();
    }
})();
