"""Forms of the hub core."""

from django import forms


class SignupExtraForm(forms.Form):
    """What allauth's sign-up form asks beyond email, username and password (ACCOUNT_SIGNUP_FORM_CLASS):
    the name other members see."""

    display_name = forms.CharField(
        max_length=100,
        required=False,
        label="Your name",
        help_text="The name other members see, for example Sam Patel. You can change it later.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    field_order = ["display_name"]

    def signup(self, request, user) -> None:
        user.display_name = " ".join(self.cleaned_data.get("display_name", "").split())
        user.save(update_fields=["display_name"])


class AvatarForm(forms.Form):
    avatar = forms.ImageField(
        label="Your picture",
        help_text="A square picture works best. JPEG, PNG or WebP, at most 2 MB.",
    )
