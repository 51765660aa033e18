"""Forms of the wiki: the admin edit form for wiki pages and the watch form on public pages."""

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm

from hub.notifications import FREQUENCY_CHOICES, IMMEDIATE


class WikiPageForm(WagtailAdminPageForm):
    """Starts every edit with an empty change note and keeps titles unique across the wiki,
    because `[[Page title]]` links resolve by title."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "edit_summary" in self.fields and not self.is_bound:
            self.initial["edit_summary"] = ""

    def clean_title(self):
        title = self.cleaned_data["title"]
        if self.instance.title_clashes(title):
            raise forms.ValidationError("Another wiki page already has this title. Choose a different title.")
        return title


class WatchForm(forms.Form):
    frequency = forms.ChoiceField(
        choices=FREQUENCY_CHOICES, initial=IMMEDIATE, label="How often should we email you?", widget=forms.RadioSelect
    )
