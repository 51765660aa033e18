// Wagtail admin: the Markdown editor (EasyMDE) would fetch spell-check dictionaries from a CDN.
// The hub makes no request to other sites, so the spell checker is off; browsers still offer their own.
(function () {
    "use strict";
    window.wagtailMarkdown = window.wagtailMarkdown || {};
    window.wagtailMarkdown.options = Object.assign(window.wagtailMarkdown.options || {}, {
        spellChecker: false,
        nativeSpellcheck: true,
    });
})();
