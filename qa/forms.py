"""Forms for the forum's pages. They validate shape only; the rules live in qa/services."""

from django import forms

from hub.notifications import FREQUENCY_CHOICES, IMMEDIATE
from qa.models import Flag, Rating


def _body(label: str, help_text: str, rows: int) -> forms.CharField:
    """A post's Markdown body; the services check the same bounds."""
    textarea = forms.Textarea(attrs={"rows": rows})
    return forms.CharField(widget=textarea, min_length=20, max_length=30_000, label=label, help_text=help_text)


def _change_summary() -> forms.CharField:
    return forms.CharField(
        max_length=200, required=False, label="What did you change?", help_text="Optional, shown in the history."
    )


class QuestionForm(forms.Form):
    title = forms.CharField(
        max_length=150,
        min_length=10,
        help_text="Say what you want to know in one line, as you would ask a colleague.",
    )
    body = _body("Details", "What have you tried, and what happened? You can use Markdown.", rows=10)
    tags = forms.CharField(
        max_length=300,
        help_text="One to five tags, separated by commas, for example: door knocking, one-to-ones.",
    )


class EditQuestionForm(QuestionForm):
    summary = _change_summary()


class AnswerForm(forms.Form):
    body = _body("Your answer", "Share what worked for you. You can use Markdown.", rows=8)


class EditAnswerForm(AnswerForm):
    summary = _change_summary()


class CommentForm(forms.Form):
    body = forms.CharField(
        max_length=600, min_length=2, label="Comment", help_text="Ask for detail or add a short note."
    )


class RatingForm(forms.Form):
    value = forms.TypedChoiceField(
        choices=Rating.VALUE_CHOICES, coerce=int, widget=forms.RadioSelect, label="Your rating"
    )
    feedback = forms.CharField(
        max_length=80, required=False, label="Feedback (optional)", help_text="At most 80 characters."
    )


class FlagForm(forms.Form):
    reason = forms.ChoiceField(choices=Flag.REASON_CHOICES, widget=forms.RadioSelect, label="What is wrong?")
    note = forms.CharField(
        max_length=300, required=False, label="Anything moderators should know?", help_text="Needed for “other”."
    )


class CloseForm(forms.Form):
    original = forms.IntegerField(
        min_value=1,
        label="Number of the original question",
        help_text="The number in the original question's address, for example 42 in /questions/42/…",
    )


class FollowForm(forms.Form):
    frequency = forms.ChoiceField(choices=FREQUENCY_CHOICES, initial=IMMEDIATE, label="How often to email you")


class ModerationReasonForm(forms.Form):
    reason = forms.CharField(max_length=200, label="Reason", help_text="Shown to moderators and the author.")
