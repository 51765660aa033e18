// Wagtail admin: settings for the Markdown editor (EasyMDE), loaded before it starts.
// - No spell-check dictionaries from a CDN: browsers still offer their own spell checking.
// - Toolbar icons from the hub's own files (css/admin-markdown.css) instead of Font Awesome from a
//   CDN, so no button is blank; every button keeps its text name for screen readers.
// - The help button opens the hub's own Markdown help page.
(function () {
    "use strict";
    var names = ["bold", "italic", "heading", "quote", "unordered-list", "ordered-list", "link", "image",
                 "preview", "side-by-side", "fullscreen", "guide", "strikethrough", "code", "clean-block",
                 "table", "horizontal-rule", "undo", "redo", "heading-smaller", "heading-bigger",
                 "heading-1", "heading-2", "heading-3", "upload-image"];
    var iconClassMap = {};
    names.forEach(function (name) { iconClassMap[name] = "hub-md-icon hub-md-icon--" + name; });
    window.wagtailMarkdown = window.wagtailMarkdown || {};
    window.wagtailMarkdown.options = Object.assign(window.wagtailMarkdown.options || {}, {
        spellChecker: false,
        nativeSpellcheck: true,
        autoDownloadFontAwesome: false,
        iconClassMap: iconClassMap,
        toolbar: [
            "bold", "italic", "heading", "|", "quote", "unordered-list", "ordered-list", "|", "link", "image", "|",
            "preview", "side-by-side", "fullscreen", "|",
            {name: "guide", action: "/help/markdown/", className: "hub-md-icon hub-md-icon--guide",
             title: "How to format your text", noDisable: true},
        ],
    });
})();
