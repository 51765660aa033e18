"""The front-end "Edit your profile" forms: plain fields, clear help, errors tied to each field."""

from django import forms
from wagtail.images import get_image_model

from hub.validators import WebAddressField, web_address_error
from profiles.feeds.errors import FetchRefused
from profiles.feeds.guard import check_for_saving
from profiles.handles import HandleError, mastodon_feed_url, parse_bluesky, parse_mastodon, x_profile_url
from profiles.models import HostProfilePage, OrganiserProfilePage, place_errors

COMMON_FEED_FIELDS = ["blog_url", "mastodon_handle", "bluesky_handle", "x_handle"]
COMMON_LABELS = {
    "blog_url": "Blog or its feed address",
    "mastodon_handle": "Mastodon account",
    "bluesky_handle": "Bluesky handle",
    "x_handle": "X (Twitter) handle",
    "hidden_from_anonymous": "Hide this profile from visitors who are not signed in",
}


def feed_address_error(url: str) -> str | None:
    """Why the hub would never read this feed address (a private or reserved host), checked on saving."""
    try:
        check_for_saving(url)
    except FetchRefused as error:
        return f"The hub cannot read feeds from this address: {error}"
    return None


class _ProfileForm(forms.ModelForm):
    picture_upload = forms.ImageField(
        required=False, label="New picture", help_text="A JPEG, PNG or WebP image, up to 5 MB."
    )

    def clean_blog_url(self):
        value = self.cleaned_data.get("blog_url", "")
        error = feed_address_error(value) if value else None
        if error:
            raise forms.ValidationError(error)
        return value

    def clean_mastodon_handle(self):
        value = self._handle("mastodon_handle", parse_mastodon)
        error = feed_address_error(mastodon_feed_url(value)) if value else None
        if error:
            raise forms.ValidationError(error)
        return value

    def clean_bluesky_handle(self):
        return self._handle("bluesky_handle", parse_bluesky)

    def clean_x_handle(self):
        value = self.cleaned_data.get("x_handle", "").strip()
        if value and not x_profile_url(value):
            raise forms.ValidationError("Write your X handle as @name: letters, digits and _ only, up to 15.")
        return value

    def _handle(self, name, parse):
        value = self.cleaned_data.get(name, "").strip()
        try:
            parse(value)
        except HandleError as error:
            raise forms.ValidationError(str(error)) from error
        return value

    def clean_picture_upload(self):
        upload = self.cleaned_data.get("picture_upload")
        if upload and upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError("The picture is larger than 5 MB. Choose a smaller one.")
        return upload

    def clean(self):
        cleaned = super().clean()
        has_picture = cleaned.get("picture_upload") or self.instance.picture_id
        if has_picture and not (cleaned.get("picture_alt") or "").strip():
            self.add_error("picture_alt", "Describe the picture: alt text is required with a picture.")
        return cleaned

    def apply_upload(self, user) -> None:
        upload = self.cleaned_data.get("picture_upload")
        if upload:
            image = get_image_model()(title=f"Picture for {self.instance.title}", file=upload, uploaded_by_user=user)
            image.save()
            self.instance.picture = image


class OrganiserProfileForm(_ProfileForm):
    class Meta:
        model = OrganiserProfilePage
        fields = [
            "title",
            "role",
            "area",
            "host",
            "bio",
            "skills",
            "links",
            "picture_alt",
            "show_contact",
            "contact_email",
            "contact_phone",
            *COMMON_FEED_FIELDS,
            "hidden_from_anonymous",
        ]
        labels = {
            "title": "Display name",
            "picture_alt": "Picture description (alt text)",
        }
        help_texts = {"skills": "Separate skills and interests with commas, for example: listening campaigns, housing."}
        widgets = {"bio": forms.Textarea(attrs={"rows": 8}), "links": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"blog_url": WebAddressField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = HostProfilePage.objects.live().order_by("title")
        self.fields["host"].required = False

    def clean_links(self):
        lines = [line.strip() for line in self.cleaned_data.get("links", "").splitlines() if line.strip()]
        for line in lines:
            error = web_address_error(line)
            if error:
                raise forms.ValidationError(f"One web address a line. Check {line[:80]}: {error}")
        return "\n".join(lines)


class HostProfileForm(_ProfileForm):
    class Meta:
        model = HostProfilePage
        fields = [
            "title",
            "area",
            "website",
            "is_exemplar",
            "town",
            "region",
            "latitude",
            "longitude",
            "description",
            "picture_alt",
            *COMMON_FEED_FIELDS,
            "hidden_from_anonymous",
        ]
        labels = {
            **COMMON_LABELS,
            "title": "Organisation name",
            "picture_alt": "Logo description (alt text)",
            "is_exemplar": "We are an exemplar project: other organisers can visit to learn from our work",
            "latitude": "Map position: latitude",
            "longitude": "Map position: longitude",
        }
        help_texts = {
            "latitude": "Degrees north, for example 53.79. Leave both empty to stay off the map.",
            "longitude": "Degrees east of Greenwich; west is negative, for example -1.75.",
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}
        field_classes = {"blog_url": WebAddressField, "website": WebAddressField}

    def clean(self):
        cleaned = super().clean()
        for field, message in place_errors(cleaned.get("latitude"), cleaned.get("longitude")).items():
            self.add_error(field, message)
        return cleaned


def form_class_for(page):
    return OrganiserProfileForm if isinstance(page, OrganiserProfilePage) else HostProfileForm
