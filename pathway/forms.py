"""Front-end forms of the pathway: plain labels, help tied to each field, dates as date inputs."""

from django import forms
from django.utils import timezone

from pathway.models import CoTrainer, Reflection, Stage

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class StageRecordForm(forms.Form):
    completed_on = forms.DateField(label="Date you did it", widget=DATE_WIDGET, help_text="For example 14 March 2026.")

    def __init__(self, *args, stage: Stage, options=(), **kwargs):
        super().__init__(*args, **kwargs)
        if stage.kind == Stage.GO_DEEPER:
            self.fields["completed_on"].label = "Date you started"
            self.fields["option"] = forms.ModelChoiceField(
                queryset=options, label="Your Go Deeper route", empty_label="Choose a route"
            )
            self.fields["provider"] = forms.CharField(
                max_length=160,
                required=False,
                label="Who provides it",
                help_text="The university, network or organisation you learn with.",
            )

    def clean_completed_on(self):
        day = self.cleaned_data["completed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("This date is in the future. Record a stage once it has happened.")
        return day


class ReflectionForm(forms.Form):
    title = forms.CharField(max_length=200, label="Title")
    body = forms.CharField(
        label="Your reflection",
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="Write as much or as little as you like. You can use Markdown: **bold**, lists starting with -.",
    )
    visibility = forms.ChoiceField(
        choices=Reflection.VISIBILITY_CHOICES,
        widget=forms.RadioSelect,
        label="Who can read it",
        initial=Reflection.PRIVATE,
    )


class VisitForm(forms.Form):
    place = forms.TypedChoiceField(coerce=int, required=False, empty_value=None, label="Place you visited")
    place_name = forms.CharField(
        max_length=200,
        required=False,
        label="Or a place that is not in the hub",
        help_text="Its name, and the town if it helps.",
    )
    visited_on = forms.DateField(label="Date of the visit", widget=DATE_WIDGET)
    learned = forms.CharField(
        required=False,
        label="What you took away",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Only you and your cohort's training team see this.",
    )

    def __init__(self, *args, places=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].choices = [
            ("", "Choose a host or exemplar project"),
            *((p.page_id, p.label) for p in places),
        ]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("place") and not (cleaned.get("place_name") or "").strip():
            self.add_error("place_name", "Choose a place from the list, or type its name here.")
        return cleaned


class CohortForm(forms.Form):
    name = forms.CharField(max_length=120, label="Cohort name", help_text="For example “North West, spring 2026”.")
    starts_on = forms.DateField(label="Start date", widget=DATE_WIDGET)
    area = forms.CharField(max_length=120, required=False, label="Where it meets")


class UsernameForm(forms.Form):
    username = forms.CharField(max_length=150, label="Their username", help_text="As shown on their member page.")


class SessionForm(forms.Form):
    stage = forms.ModelChoiceField(queryset=Stage.objects.none(), label="Which session", empty_label="Choose a session")
    starts_at = forms.DateTimeField(label="Starts", widget=DATETIME_WIDGET)
    ends_at = forms.DateTimeField(label="Ends", widget=DATETIME_WIDGET)
    place = forms.CharField(max_length=200, label="Place")
    notes = forms.CharField(required=False, label="Notes for the group", widget=forms.Textarea(attrs={"rows": 4}))
    team = forms.MultipleChoiceField(
        label="Who runs it",
        widget=forms.CheckboxSelectMultiple,
        help_text="Trainers and co-trainers run sessions together, as equals.",
    )

    def __init__(self, *args, stages, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].queryset = stages
        self.team_people = {str(person.pk): person for person in team}
        self.fields["team"].choices = [(str(person.pk), person.public_name) for person in team]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("starts_at") and cleaned.get("ends_at") and cleaned["ends_at"] < cleaned["starts_at"]:
            self.add_error("ends_at", "The session must end after it starts.")
        return cleaned

    def chosen_team(self) -> list:
        return [self.team_people[pk] for pk in self.cleaned_data["team"]]


class CoTrainerForm(forms.Form):
    username = forms.CharField(max_length=150, label="The member's username")
    consent_given_on = forms.DateField(label="Date they agreed", widget=DATE_WIDGET)
    consent_how = forms.ChoiceField(choices=CoTrainer.HOW_CHOICES, label="How they agreed", widget=forms.RadioSelect)
    consent_note = forms.CharField(
        max_length=300,
        required=False,
        label="Note (optional)",
        help_text="Anything that helps, for example who else was there.",
    )
    confirm = forms.BooleanField(
        label="They understand their name will be shown as a co-trainer, and that they can stop this at any time."
    )
