"""Gatherings people come to (Action Camp, residentials, open days) and the registrations for them.

Capacity counts places: each adult and each child or young person takes one. Registrations past
capacity wait in order and move up when places free (events/services.py, docs/adr/0071).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtailmarkdown.fields import MarkdownField

from events.blocks import ProgrammeBlock
from hub.page_context import PageContextMixin

MAX_PARTY = 12  # people on one registration; a larger group registers in parts
# Words of events/urls.py that sit beside the event pages under /events/.
RESERVED_SLUGS = {"mine", "registrations", "calendar"}


class EventIndexPage(PageContextMixin, Page):
    """The calendar at /events/: upcoming gatherings, with an iCalendar feed."""

    intro = models.TextField(blank=True, help_text="A sentence or two shown above the calendar.")

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    # One calendar under the home page; events live only under it, so slugs are unique.
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1
    template = "events/event_index_page.html"


class EventPage(PageContextMixin, Page):
    """One gathering: when, where, the programme, and registration with a capacity.

    Its context (places left, the visitor's registration) comes from events.views.event_page_context."""

    ACTION_CAMP = "action_camp"
    RESIDENTIAL = "residential"
    OPEN_DAY = "open_day"
    OTHER = "other"
    KIND_CHOICES = [
        (ACTION_CAMP, "Action Camp"),
        (RESIDENTIAL, "Residential"),
        (OPEN_DAY, "Open day"),
        (OTHER, "Gathering"),
    ]

    kind = models.CharField(max_length=20, choices=KIND_CHOICES, default=OTHER)
    summary = models.CharField(max_length=300, help_text="One or two plain sentences shown in the calendar.")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    venue = models.CharField(max_length=200, help_text="The place's name, for example “Oakfield Farm”.")
    town = models.CharField(max_length=120)
    address = models.TextField(blank=True)
    body = MarkdownField(blank=True, verbose_name="About the event", help_text="Markdown.")
    programme = StreamField(ProgrammeBlock(), blank=True, use_json_field=True)
    access_info = MarkdownField(
        blank=True,
        verbose_name="Access and getting there",
        help_text="Markdown. Step-free routes, quiet spaces, toilets, parking, public transport.",
    )
    capacity = models.PositiveIntegerField(
        default=0, help_text="Places in all: each adult and each child or young person takes one. 0: no registration."
    )
    registration_open = models.BooleanField(default=True)
    registration_closes_on = models.DateField(
        null=True, blank=True, help_text="Last day to register. Empty: until it starts."
    )
    children_welcome = models.BooleanField(default=True, help_text="Families may bring children and young people.")
    organisers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="organised_events",
        help_text="People organising this event: they see the registrations, with access and dietary needs.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading="When"),
        MultiFieldPanel([FieldPanel("venue"), FieldPanel("town"), FieldPanel("address")], heading="Where"),
        FieldPanel("body"),
        FieldPanel("programme"),
        FieldPanel("access_info"),
        MultiFieldPanel(
            [
                FieldPanel("capacity"),
                FieldPanel("registration_open"),
                FieldPanel("registration_closes_on"),
                FieldPanel("children_welcome"),
                FieldPanel("organisers"),
            ],
            heading="Registration",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("town"),
        index.FilterField("starts_at"),
    ]
    # Events sit in the one calendar and have no children.
    parent_page_types = ["events.EventIndexPage"]
    subpage_types: list[str] = []
    template = "events/event_page.html"

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(ends_at__gte=F("starts_at")), name="events_ends_after_start")]

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": f"“{self.slug}” is used by the calendar itself. Choose another slug."})
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": "The event must end after it starts."})

    @property
    def takes_registrations(self) -> bool:
        return self.capacity > 0


class Registration(models.Model):
    """A member's registration for themselves and the people coming with them."""

    CONFIRMED = "confirmed"
    WAITING = "waiting"
    CANCELLED = "cancelled"
    STATUS_CHOICES = [(CONFIRMED, "Place confirmed"), (WAITING, "On the waiting list"), (CANCELLED, "Cancelled")]
    ACTIVE = (CONFIRMED, WAITING)

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations")
    adults = models.PositiveSmallIntegerField(default=1)
    children = models.PositiveSmallIntegerField(default=0, verbose_name="children and young people")
    access_needs = models.TextField(blank=True)
    dietary_needs = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, db_index=True)
    created_at = models.DateTimeField(db_index=True, help_text="When they registered: the waiting list's order.")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    moved_up_at = models.DateTimeField(null=True, blank=True, help_text="Set when a place freed for them.")
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(status__in=["confirmed", "waiting"]),
                name="events_one_active_registration",
            ),
            models.CheckConstraint(condition=Q(adults__gte=1), name="events_at_least_one_adult"),
            models.CheckConstraint(condition=Q(adults__lte=MAX_PARTY - F("children")), name="events_party_size"),
            models.CheckConstraint(
                condition=Q(status__in=["confirmed", "waiting", "cancelled"]), name="events_registration_status"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} for {self.event_id} ({self.status})"

    @property
    def places(self) -> int:
        return self.adults + self.children
