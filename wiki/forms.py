"""Forms of the wiki: the admin edit form for wiki pages and the watch form on public pages."""

from contextvars import ContextVar

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm

from hub.notifications import FREQUENCY_CHOICES, IMMEDIATE

# Set by the before_create_page hook from ?title= so a missing wiki link opens a form with its title.
PREFILL_TITLE: ContextVar[str] = ContextVar("wiki_prefill_title", default="")


class WikiPageForm(WagtailAdminPageForm):
    """Starts every edit with an empty change note and keeps titles unique across the wiki,
    because `[[Page title]]` links resolve by title."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "edit_summary" in self.fields and not self.is_bound:
            self.initial["edit_summary"] = ""
        if not self.is_bound and not self.instance.pk and PREFILL_TITLE.get():
            self.initial["title"] = PREFILL_TITLE.get()
            PREFILL_TITLE.set("")

    def clean_title(self):
        title = self.cleaned_data["title"]
        if self.instance.title_clashes(title):
            raise forms.ValidationError("Another wiki page already has this title. Choose a different title.")
        return title


class WatchForm(forms.Form):
    frequency = forms.ChoiceField(
        choices=FREQUENCY_CHOICES, initial=IMMEDIATE, label="How often should we email you?", widget=forms.RadioSelect
    )
