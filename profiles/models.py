"""Profile pages for organisers and host organisations, and the feeds pulled in for them.

Profiles are Wagtail pages so they get revisions, previews, moderation and the page tree for free;
editing by owners happens through the front-end form in views.py (see docs/adr/0020).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.html import strip_tags
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from hub import visibility
from hub.page_context import PageContextMixin
from hub.validators import is_web_address, web_address_error
from profiles.handles import HandleError, parse_bluesky, parse_mastodon
from profiles.map_outline import EAST, NORTH, SOUTH, WEST

ROLE_CHOICES = [
    ("trainee", "Trainee organiser"),
    ("volunteer", "Volunteer organiser"),
    ("organiser", "Organiser"),
    ("senior", "Senior organiser"),
    ("trainer", "Trainer"),
]
# Where a host or exemplar project is, for the map page's list by region.
REGION_CHOICES = [
    ("north-east", "North East England"),
    ("north-west", "North West England"),
    ("yorkshire", "Yorkshire and the Humber"),
    ("east-midlands", "East Midlands"),
    ("west-midlands", "West Midlands"),
    ("east", "East of England"),
    ("london", "London"),
    ("south-east", "South East England"),
    ("south-west", "South West England"),
    ("wales", "Wales"),
    ("scotland", "Scotland"),
    ("northern-ireland", "Northern Ireland"),
]


class ProfileIndexPage(PageContextMixin, Page):
    """The directory at /profiles/. Created by a data migration so it exists on every database."""

    intro = models.TextField(blank=True, help_text="A sentence or two shown above the directory.")

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    # One directory under the home page; profiles live only under it.
    parent_page_types = ["home.HomePage"]
    subpage_types = ["profiles.OrganiserProfilePage", "profiles.HostProfilePage"]
    max_count = 1


class ProfilePage(PageContextMixin, Page):
    """Fields every profile shares: where they work, a picture, privacy, and the feeds to pull in."""

    area = models.CharField(max_length=120, blank=True, help_text="The area or patch, for example “North Leeds”.")
    picture = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    picture_alt = models.CharField(
        max_length=200,
        blank=True,
        help_text="Describe the picture for people who cannot see it. Required with a picture.",
    )
    hidden_from_anonymous = models.BooleanField(
        default=False,
        help_text="Only signed-in members can see this profile; search engines and the search page leave it out.",
    )
    deletion_requested_at = models.DateTimeField(null=True, blank=True, editable=False)
    blog_url = models.URLField(
        blank=True, help_text="Your blog's RSS or Atom feed, or the blog's address: we look for its feed."
    )
    mastodon_handle = models.CharField(max_length=200, blank=True, help_text="For example @name@mastodon.social")
    bluesky_handle = models.CharField(max_length=200, blank=True, help_text="For example name.bsky.social")
    x_handle = models.CharField(max_length=50, blank=True, help_text="Shown as a link only, for example @name")

    search_fields = [*Page.search_fields, index.SearchField("area")]
    feed_panels = [
        FieldPanel("blog_url"),
        FieldPanel("mastodon_handle"),
        FieldPanel("bluesky_handle"),
        FieldPanel("x_handle"),
    ]
    # Abstract in behaviour: only the two concrete kinds are ever created (Wagtail makes subclasses
    # creatable and gives them profiles/<kind>_profile_page.html). Profiles sit in the directory and
    # have no children.
    is_creatable = False
    parent_page_types = ["profiles.ProfileIndexPage"]
    subpage_types: list[str] = []

    def clean(self):
        super().clean()
        if self.picture_id and not self.picture_alt.strip():
            raise ValidationError({"picture_alt": "Describe the picture: alt text is required with a picture."})
        if self.blog_url and web_address_error(self.blog_url):
            raise ValidationError({"blog_url": web_address_error(self.blog_url)})
        for field, parse in (("mastodon_handle", parse_mastodon), ("bluesky_handle", parse_bluesky)):
            try:
                parse(getattr(self, field))
            except HandleError as error:
                raise ValidationError({field: str(error)}) from error

    @property
    def kind(self) -> str:
        return "organiser" if isinstance(self, OrganiserProfilePage) else "host"

    def serve(self, request, *args, **kwargs):
        if self.hidden_from_anonymous and not request.user.is_authenticated:
            raise Http404("This profile is only shown to signed-in members.")
        return super().serve(request, *args, **kwargs)


class OrganiserSkill(TaggedItemBase):
    content_object = ParentalKey("profiles.OrganiserProfilePage", related_name="skill_items", on_delete=models.CASCADE)


class OrganiserProfilePage(ProfilePage):
    """One organiser, owned by their user account."""

    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="organiser_profile",
        help_text="The member who owns this profile and may edit it.",
    )
    role = models.CharField(max_length=20, choices=ROLE_CHOICES, default="organiser")
    host = models.ForeignKey(
        "profiles.HostProfilePage", null=True, blank=True, on_delete=models.SET_NULL, related_name="organisers"
    )
    bio = models.TextField(blank=True, help_text="About you, in Markdown.")
    skills = ClusterTaggableManager(through=OrganiserSkill, blank=True, help_text="Skills and interests.")
    links = models.TextField(blank=True, help_text="Other places to find you: one http or https address a line.")
    show_contact = models.BooleanField(default=False, help_text="Show your contact details on your profile.")
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)

    served_with = ("account", "host")  # read with the page when it is served (hub/routing.py)

    content_panels = [
        *Page.content_panels,
        FieldPanel("account"),
        MultiFieldPanel([FieldPanel("role"), FieldPanel("area"), FieldPanel("host")], "Work"),
        MultiFieldPanel([FieldPanel("picture"), FieldPanel("picture_alt")], "Photo"),
        FieldPanel("bio"),
        FieldPanel("skills"),
        FieldPanel("links"),
        MultiFieldPanel(
            [FieldPanel("show_contact"), FieldPanel("contact_email"), FieldPanel("contact_phone")], "Contact"
        ),
        MultiFieldPanel(ProfilePage.feed_panels, "Feeds"),
        FieldPanel("hidden_from_anonymous"),
    ]
    search_fields = [*ProfilePage.search_fields, index.SearchField("bio")]

    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if is_web_address(line)]

    def clean(self):
        super().clean()
        bad = [line for line in self.links.splitlines() if line.strip() and line.strip() not in self.link_list()]
        if bad:
            message = f"One web address a line. Check {bad[0].strip()[:80]}: {web_address_error(bad[0])}"
            raise ValidationError({"links": message})


class HostProfilePage(ProfilePage):
    """A host organisation, or an exemplar project organisers visit. Its maintainers may edit this page
    and no other host's page, its place included (town, region, map position)."""

    description = models.TextField(blank=True, help_text="What the organisation does, in Markdown.")
    website = models.URLField(blank=True)
    is_exemplar = models.BooleanField(
        default=False,
        verbose_name="exemplar project",
        help_text="Other organisers can visit to learn from your work.",
    )
    town = models.CharField(max_length=120, blank=True, help_text="The town or city, for example “Bradford”.")
    region = models.CharField(max_length=20, choices=REGION_CHOICES, blank=True)
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    maintainers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="maintained_hosts",
        help_text="Accounts that may edit this page.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("area"),
        FieldPanel("website"),
        FieldPanel("is_exemplar"),
        MultiFieldPanel(
            [FieldPanel("town"), FieldPanel("region"), FieldPanel("latitude"), FieldPanel("longitude")], "Place"
        ),
        MultiFieldPanel([FieldPanel("picture"), FieldPanel("picture_alt")], "Logo"),
        FieldPanel("description"),
        FieldPanel("maintainers"),
        MultiFieldPanel(ProfilePage.feed_panels, "Feeds"),
        FieldPanel("hidden_from_anonymous"),
    ]
    search_fields = [*ProfilePage.search_fields, index.SearchField("description")]

    def clean(self):
        super().clean()
        errors = place_errors(self.latitude, self.longitude)
        if self.website and web_address_error(self.website):
            errors["website"] = web_address_error(self.website)
        if errors:
            raise ValidationError(errors)

    @property
    def on_map(self) -> bool:
        return self.latitude is not None and self.longitude is not None


def place_errors(latitude, longitude) -> dict:
    """A map position needs both numbers, inside the map of Great Britain and Ireland."""
    if (latitude is None) != (longitude is None):
        missing = "longitude" if longitude is None else "latitude"
        return {missing: "Give both the latitude and the longitude, or neither."}
    if latitude is not None and not (SOUTH <= latitude <= NORTH):
        return {"latitude": f"The map covers latitudes {SOUTH} to {NORTH}. Check the number, for example 53.79."}
    if longitude is not None and not (WEST <= longitude <= EAST):
        return {"longitude": f"The map covers longitudes {WEST} to {EAST}. West of Greenwich is negative: -1.75."}
    return {}


class FeedSource(models.Model):
    """One feed read for a profile. Rows follow the profile's feed fields (services.sync_feed_sources)."""

    BLOG, MASTODON, BLUESKY = "blog", "mastodon", "bluesky"
    KIND_CHOICES = [(BLOG, "Blog"), (MASTODON, "Mastodon"), (BLUESKY, "Bluesky")]

    page = models.ForeignKey(ProfilePage, on_delete=models.CASCADE, related_name="feed_sources")
    kind = models.CharField(max_length=20, choices=KIND_CHOICES)
    url = models.URLField(max_length=500, help_text="The address as given (a feed or a site to search for one).")
    feed_url = models.URLField(max_length=500, blank=True, help_text="The feed found by autodiscovery, if any.")
    etag = models.CharField(max_length=300, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    is_demo = models.BooleanField(default=False, help_text="Demo content: never fetched.")
    # Set by the owner's "Refresh my feeds now"; the worker fetches requested sources within a minute.
    refresh_requested_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["page", "kind"], name="profiles_one_source_per_kind")]
        ordering = ["page_id", "kind"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} feed of page {self.page_id}"


class FeedItem(models.Model):
    """One item from a feed, sanitised when stored. De-duplicated by GUID (or link) per source."""

    source = models.ForeignKey(FeedSource, on_delete=models.CASCADE, related_name="items")
    guid = models.CharField(max_length=500)
    title = models.CharField(max_length=300, blank=True)
    link = models.URLField(max_length=1000, blank=True)
    summary = models.TextField(blank=True, help_text="Sanitised HTML.")
    published_at = models.DateTimeField(db_index=True)
    fetched_at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "guid"], name="profiles_item_unique_guid")]
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        """Mastodon and Bluesky posts have no title: use the start of the text as the link text."""
        if self.title:
            return self.title
        text = " ".join(strip_tags(self.summary).split())
        return (text[:80].rsplit(" ", 1)[0] + "…") if len(text) > 80 else (text or "Post")


# Profiles' part of "can this visitor see it" (hub/visibility.py, registered in ProfilesConfig.ready()):
# a profile whose owner asked for deletion is in no list; one hidden from anonymous visitors is in
# lists, search, the sitemap and feeds for signed-in members only.
PAGE_RULE = visibility.PageRule(
    ProfilePage, hidden=Q(deletion_requested_at__isnull=False), members_only=Q(hidden_from_anonymous=True)
)
