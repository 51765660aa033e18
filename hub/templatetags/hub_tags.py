import uuid
from urllib.parse import quote

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf
from django.utils.html import format_html
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.safestring import mark_safe

from hub import avatars, feedback, fragments, frame, submissions
from hub.markdown import render
from hub.sanitise import clean_feed_html

register = template.Library()

# One reverse per (pattern, script prefix, URLconf) for the per-member addresses every author badge
# shows: lists of posts show dozens of badges, and resolving the pattern again for each one was a
# fifth of a member page's rendering. The username is quoted as `reverse()` quotes it.
_username_makers: dict[tuple, object] = {}


def _by_username(name: str, username: str) -> str:
    """`reverse(name, args=[username])`, the same string, without resolving the pattern again."""
    place = (name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    maker = _username_makers.get(place)
    if maker is None:
        maker = _username_makers[place] = fragments.url_maker(name)
    return maker(quote(username, safe=RFC3986_SUBDELIMS + "/~:@"))


@register.filter
def member_url(user) -> str:
    """The address of `user`'s member page, as `{% url 'hub:member' user.username %}` gives it."""
    return _by_username("hub:member", user.username)


@register.simple_tag
def asset(path: str) -> str:
    """The address of a static file, as `{% static %}` gives it, looked up once per process (hub/frame.py)."""
    return frame.static_url(path)


@register.filter
def markdown(text: str):
    return render(text)


@register.filter
def feed_html(html: str):
    """HTML from another site (a feed item's summary), cleaned by the hub's one rule as it is shown."""
    return mark_safe(clean_feed_html(html))


@register.simple_tag(takes_context=True)
def markdown_for_reader(context, text: str):
    """Markdown whose wiki links know the reader: a missing page offers creation to those who may."""
    request = context.get("request")
    return render(text, {"user": getattr(request, "user", None)})


_BADGES = object()  # the render context's key for the badges already rendered on this page


@register.simple_tag(takes_context=True)
def author_badge(context, author):
    """An author's name with their reputation (includes/author.html). Callers select_related the
    user's reputation. A page that shows one author many times (a member's ratings, from the same
    raters again and again) renders each author's badge once: the badge depends only on the fields
    in the key, so the HTML is the same."""
    badges = context.render_context.get(_BADGES)
    if badges is None:
        badges = context.render_context[_BADGES] = {}
    key = (
        author.pk,
        author.username,
        author.public_name,
        author.feedback_score,
        author.feedback_positive_weeks,
        author.feedback_negative_weeks,
        str(getattr(author, "avatar", None) or ""),
        context.autoescape,
    )
    html = badges.get(key)
    if html is None:
        template = context.template.engine.get_template("includes/author.html")
        html = badges[key] = template.render(context.new({"author": author}))
    return html


@register.filter
def star(score):
    """The eBay-style star a feedback score has earned, or None."""
    try:
        return feedback.star_for(int(score))
    except (TypeError, ValueError):
        return None


@register.filter
def percentage_positive(user) -> str:
    """ "97.5%" from the stored rater-weeks, or a dash when nobody has rated the member in 12 months."""
    value = feedback.percentage_positive(user.feedback_positive_weeks, user.feedback_negative_weeks)
    if value is None:
        return "–"
    return f"{value:g}%"


@register.simple_tag(takes_context=True)
def submission_token(context):
    """The hidden field that makes a resubmitted form a repeat, not a second post (hub/submissions.py).
    A form shown again after an error keeps the token it was sent with; a form rendered into a kept
    fragment carries the context's `submission` (hub.fragments' stand-in, replaced per request)."""
    request = context.get("request")
    sent = submissions.clean_token(request.POST.get(submissions.FIELD)) if request is not None else ""
    token = sent or context.get("submission") or uuid.uuid4().hex
    return format_html('<input type="hidden" name="{}" value="{}">', submissions.FIELD, token)


@register.simple_tag
def icon(name: str, label: str = ""):
    """A small icon from the hub's own sprite. Decorative unless `label` names it for screen readers."""
    href = f"{frame.static_url('img/icons.svg')}#{name}"
    if label:
        return format_html(
            '<svg class="icon icon--{}" role="img" aria-label="{}" focusable="false"><use href="{}"></use></svg>',
            name,
            label,
            href,
        )
    return format_html(
        '<svg class="icon icon--{}" aria-hidden="true" focusable="false"><use href="{}"></use></svg>', name, href
    )


@register.filter
def wait(seconds) -> str:
    """A wait in plain words: 40 -> "about a minute", 600 -> "about 10 minutes", 7200 -> "about 2 hours"."""
    try:
        seconds = max(0, int(seconds))
    except (TypeError, ValueError):
        return "a few minutes"
    for size, unit in ((86_400, "day"), (3_600, "hour"), (60, "minute")):
        if seconds >= size * 1.5 or (unit == "minute" and seconds >= 90):
            count = round(seconds / size)
            return f"about {count} {unit}{'s' if count != 1 else ''}"
    return "about a minute"


def avatar_src(user) -> str:
    """The address of a member's picture: uploaded, or their initials drawn by the hub."""
    if getattr(user, "avatar", None):
        return user.avatar.url
    return _by_username("hub:avatar", user.username) + "?v=" + avatars.initials(user.public_name)


@register.simple_tag
def avatar(user, size: int = 32, css: str = ""):
    """A member's picture. Decorative: the name is beside it."""
    return avatar_image(avatar_src(user), size, css)


@register.simple_tag
def avatar_image(src: str, size: int = 32, css: str = ""):
    """The picture at `src` as `avatar` shows it, for a template given the address alone (hub/frame.py)."""
    return format_html(
        '<img class="avatar{}" src="{}" alt="" width="{}" height="{}" loading="lazy">',
        f" {css}" if css else "",
        src,
        size,
        size,
    )


@register.simple_tag(takes_context=True)
def site_header(context):
    """The site header, kept per set of values it shows (hub/frame.py)."""
    return frame.header(context, avatar_src)


@register.simple_tag(takes_context=True)
def site_footer(context):
    """The site footer, kept once per process (hub/frame.py)."""
    return frame.footer(context)
