"""Template helpers for reputation figures and accessible form fields."""

from django import template

from qa import reputation

register = template.Library()


@register.filter
def star(score):
    """The eBay-style star a feedback score has earned, or None."""
    try:
        return reputation.star_for(int(score))
    except (TypeError, ValueError):
        return None


@register.filter
def percentage_positive(user) -> str:
    """ "97.5%" from the stored rater-weeks, or a dash when nobody has rated the member in 12 months."""
    value = reputation.percentage_positive(user.feedback_positive_weeks, user.feedback_negative_weeks)
    if value is None:
        return "–"
    return f"{value:g}%"


@register.inclusion_tag("qa/includes/field.html")
def qa_field(field, **attrs):
    """One form field with its label, help and errors tied to it through aria-describedby."""
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
    return {"field": field, "widget": field.as_widget(attrs=widget_attrs)}


@register.simple_tag
def rating_label(value) -> str:
    return {1: "Positive", 0: "Neutral", -1: "Negative"}.get(value, "")


@register.filter
def get_rating(my_ratings: dict, key):
    """The viewer's rating of the question ("question") or of the answer with primary key `key`."""
    if not my_ratings:
        return None
    if key == "question":
        return my_ratings.get("question")
    return my_ratings.get("answers", {}).get(key)
