from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def markdown_editor_without_network():
    """Turn off EasyMDE's spell checker, which would download dictionaries from a CDN, on every admin
    page with a Markdown field (pages and snippets alike), before the editor starts."""
    return format_html('<script src="{}"></script>', static("js/admin-markdown.js"))
