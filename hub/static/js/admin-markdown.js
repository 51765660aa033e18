// Wagtail admin: settings for the Markdown editor (EasyMDE), loaded before it starts.
// - No spell-check dictionaries from a CDN: browsers still offer their own spell checking.
// - Toolbar icons come from the hub's own files (css/admin-markdown.css draws EasyMDE's Font Awesome
//   class names) instead of an icon font from a CDN, so no button is blank.
// - The help button opens the hub's own Markdown help page.
(function () {
    "use strict";
    window.wagtailMarkdown = window.wagtailMarkdown || {};
    window.wagtailMarkdown.options = Object.assign(window.wagtailMarkdown.options || {}, {
        spellChecker: false,
        nativeSpellcheck: true,
        autoDownloadFontAwesome: false,
        toolbar: [
            "bold", "italic", "heading", "|", "quote", "unordered-list", "ordered-list", "|", "link", "image", "|",
            "preview", "side-by-side", "fullscreen", "|",
            {name: "guide", action: "/help/markdown/", className: "hub-md-icon hub-md-icon--guide",
             title: "How to format your text", noDisable: true},
        ],
    });
})();
