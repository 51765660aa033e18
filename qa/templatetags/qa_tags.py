"""Template helpers of the forum: accessible form fields and rating labels."""

from django import template
from django.urls import reverse

register = template.Library()


@register.inclusion_tag("qa/includes/field.html")
def qa_field(field, preview: bool = False, **attrs):
    """One form field with its label, help and errors tied to it through aria-describedby.
    `preview=True` asks hub/static/js/preview.js for a live preview of the Markdown typed in it."""
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_helptext")
    if field.errors:
        described.append(f"{field.auto_id}_errors")
    widget_attrs = dict(attrs)
    if described:
        widget_attrs["aria-describedby"] = " ".join(described)
    if field.errors:
        widget_attrs["aria-invalid"] = "true"
    if preview:
        widget_attrs["data-preview-url"] = reverse("hub:markdown_preview")
    return {"field": field, "widget": field.as_widget(attrs=widget_attrs)}


@register.simple_tag
def rating_label(value) -> str:
    return {1: "Positive", 0: "Neutral", -1: "Negative"}.get(value, "")
