from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_editor_js")
def markdown_editor_without_network():
    """Turn off EasyMDE's spell checker, which would download dictionaries from a CDN."""
    return format_html('<script src="{}"></script>', static("js/admin-markdown.js"))
