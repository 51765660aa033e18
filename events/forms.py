"""The registration form: who is coming, and what they need to take part."""

from django import forms

from events.models import MAX_PARTY, EventPage, Registration


class RegistrationForm(forms.ModelForm):
    class Meta:
        model = Registration
        fields = ["adults", "children", "access_needs", "dietary_needs"]
        labels = {
            "adults": "Adults (18 and over), including you",
            "children": "Children and young people (under 18)",
            "access_needs": "Access needs",
            "dietary_needs": "Dietary needs",
        }
        help_texts = {
            "access_needs": "Anything we should arrange so everyone in your group can take part: step-free "
            "rooms, a quiet space, BSL, easy-read papers, a support worker coming too.",
            "dietary_needs": "Allergies, vegetarian, vegan, halal, kosher, or anything else.",
        }
        widgets = {
            "adults": forms.NumberInput(attrs={"min": 1, "max": MAX_PARTY}),
            "children": forms.NumberInput(attrs={"min": 0, "max": MAX_PARTY - 1}),
            "access_needs": forms.Textarea(attrs={"rows": 4}),
            "dietary_needs": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, event: EventPage, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["adults"].min_value = 1
        if not event.children_welcome:
            del self.fields["children"]

    def clean(self):
        cleaned = super().clean()
        adults, children = cleaned.get("adults") or 0, cleaned.get("children") or 0
        if cleaned.get("adults") is not None and adults < 1:
            self.add_error("adults", "At least one adult must come.")
        if adults + children > MAX_PARTY:
            self.add_error(
                None, f"One registration can bring up to {MAX_PARTY} people. Register a larger group in parts."
            )
        return cleaned
