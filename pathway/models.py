"""The organiser's training year: the pathway and its stages, each organiser's progress, visits,
reflections (with revisions and privacy), cohorts, training sessions and co-trainers.

Stages link to their wiki page through Wagtail's `Page`, and visits to a host or exemplar profile
the same way: this part never imports the wiki or profiles (see docs/architecture.md).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from wagtail.admin.panels import FieldPanel, PageChooserPanel


class Pathway(models.Model):
    """A training programme with its stages. The hub ships one, made by a migration."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    intro = models.TextField(blank=True, help_text="A few plain sentences shown above the stages.")

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("intro")]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Stage(models.Model):
    """One step of the pathway, in order. `due_month` makes a missing record overdue (cohort view)."""

    FOUNDATIONS = "foundations"
    E_SESSION = "e_session"
    CONFIRMATION = "confirmation"
    GO_DEEPER = "go_deeper"
    VISITS = "visits"
    GRADUATION = "graduation"
    KIND_CHOICES = [
        (FOUNDATIONS, "Foundations residential"),
        (E_SESSION, "Guided session (E-session)"),
        (CONFIRMATION, "Confirmation of plan"),
        (GO_DEEPER, "Go Deeper learning"),
        (VISITS, "Visits to other organisers and projects"),
        (GRADUATION, "Graduation"),
    ]

    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="stages")
    slug = models.SlugField(max_length=60)
    title = models.CharField(max_length=120)
    short_title = models.CharField(max_length=40, help_text="For tables and badges, for example “E2”.")
    kind = models.CharField(max_length=20, choices=KIND_CHOICES)
    sort_order = models.PositiveSmallIntegerField()
    summary = models.TextField(help_text="What happens at this stage, in plain words.")
    preparation = models.TextField(blank=True, help_text="What to do or prepare before this stage.")
    reflection_prompt = models.TextField(
        blank=True, help_text="Questions for the organiser's written reflection. Leave empty if none is asked for."
    )
    due_month = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Overdue when not recorded this many months after the organiser's Foundations date.",
    )
    wiki_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The wiki page that describes this stage.",
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("short_title"),
        FieldPanel("summary"),
        FieldPanel("preparation"),
        FieldPanel("reflection_prompt"),
        FieldPanel("due_month"),
        PageChooserPanel("wiki_page"),
    ]

    class Meta:
        ordering = ["pathway_id", "sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["pathway", "slug"], name="pathway_stage_unique_slug"),
            models.UniqueConstraint(fields=["pathway", "sort_order"], name="pathway_stage_unique_order"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def asks_for_reflection(self) -> bool:
        return bool(self.reflection_prompt.strip())


class GoDeeperOption(models.Model):
    """A route for the Go Deeper phase: a course or an immersion with a provider."""

    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="go_deeper_options")
    name = models.CharField(max_length=160)
    description = models.TextField(blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [FieldPanel("pathway"), FieldPanel("name"), FieldPanel("description"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "Go Deeper option"

    def __str__(self) -> str:
        return self.name


class CoTrainer(models.Model):
    """A member who co-trains, shown as such on their member page, with the consent they gave.

    Recorded by a trainer or an admin; the member may withdraw at any time (`withdrawn_at`)."""

    IN_PERSON = "in_person"
    IN_WRITING = "in_writing"
    BY_EMAIL = "by_email"
    BY_PHONE = "by_phone"
    WITH_SUPPORTER = "with_supporter"
    HOW_CHOICES = [
        (IN_PERSON, "Said yes in person"),
        (IN_WRITING, "Signed a form"),
        (BY_EMAIL, "Replied by email"),
        (BY_PHONE, "Said yes on the phone"),
        (WITH_SUPPORTER, "Said yes with a supporter present"),
    ]

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="co_trainer")
    consent_given_on = models.DateField()
    consent_how = models.CharField(max_length=20, choices=HOW_CHOICES)
    consent_note = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["user__username"]

    def __str__(self) -> str:
        return f"{self.user} (co-trainer)"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class Cohort(models.Model):
    """A group of organisers who start the pathway together, with their training team."""

    pathway = models.ForeignKey(Pathway, on_delete=models.PROTECT, related_name="cohorts")
    name = models.CharField(max_length=120, unique=True)
    starts_on = models.DateField()
    area = models.CharField(max_length=120, blank=True, help_text="Where the cohort meets, for example “North West”.")
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="training_cohorts",
        blank=True,
        help_text="Trainers and co-trainers who train this cohort and see what its organisers share with them.",
    )

    panels = [
        FieldPanel("pathway"),
        FieldPanel("name"),
        FieldPanel("starts_on"),
        FieldPanel("area"),
        FieldPanel("team"),
    ]

    class Meta:
        ordering = ["-starts_on", "name"]

    def __str__(self) -> str:
        return self.name


class Enrolment(models.Model):
    """One organiser on one pathway: their cohort and their Go Deeper choice. Progress hangs off it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pathway_enrolments")
    pathway = models.ForeignKey(Pathway, on_delete=models.PROTECT, related_name="enrolments")
    cohort = models.ForeignKey(Cohort, null=True, blank=True, on_delete=models.SET_NULL, related_name="enrolments")
    go_deeper_option = models.ForeignKey(
        GoDeeperOption, null=True, blank=True, on_delete=models.SET_NULL, related_name="enrolments"
    )
    go_deeper_provider = models.CharField(max_length=160, blank=True)
    show_on_profile = models.BooleanField(
        default=True, help_text="Show your current stage and the stages you have done on your profile."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "pathway"], name="pathway_one_enrolment_per_pathway")]
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.user} on {self.pathway}"


class StageRecord(models.Model):
    """The date an organiser did a stage."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="records")
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="records")
    completed_on = models.DateField()
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["enrolment", "stage"], name="pathway_one_record_per_stage")]
        ordering = ["stage__sort_order"]

    def __str__(self) -> str:
        return f"{self.stage} on {self.completed_on}"


class Visit(models.Model):
    """A visit to a host or exemplar project. `place` is its profile page when it has one in the hub."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="visits")
    place = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    place_name = models.CharField(max_length=200, help_text="Kept as written, even if the profile goes.")
    visited_on = models.DateField()
    learned = models.TextField(blank=True, help_text="What you took away, for you and your trainers.")

    class Meta:
        ordering = ["-visited_on", "-pk"]

    def __str__(self) -> str:
        return f"Visit to {self.place_name} on {self.visited_on}"


class Reflection(models.Model):
    """A written reflection for a stage. Private unless its author shares it; every save keeps a revision."""

    PRIVATE = "private"
    TRAINERS = "trainers"
    PUBLIC = "public"
    VISIBILITY_CHOICES = [
        (PRIVATE, "Only me"),
        (TRAINERS, "Me and my cohort's trainers and co-trainers"),
        (PUBLIC, "Everyone: shown on my profile"),
    ]

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="reflections")
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="reflections")
    title = models.CharField(max_length=200)
    body = models.TextField(help_text="Markdown.")
    visibility = models.CharField(max_length=10, choices=VISIBILITY_CHOICES, default=PRIVATE)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    wiki_draft = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The wiki draft started from this reflection.",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "stage"], name="pathway_one_reflection_per_stage"),
            models.CheckConstraint(
                condition=Q(visibility__in=["private", "trainers", "public"]), name="pathway_reflection_visibility"
            ),
        ]
        ordering = ["stage__sort_order"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_shared(self) -> bool:
        return self.visibility != self.PRIVATE


class ReflectionRevision(models.Model):
    """What a reflection said after one save, kept so nothing written is lost."""

    reflection = models.ForeignKey(Reflection, on_delete=models.CASCADE, related_name="revisions")
    title = models.CharField(max_length=200)
    body = models.TextField()
    visibility = models.CharField(max_length=10, choices=Reflection.VISIBILITY_CHOICES)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.created_at:%Y-%m-%d %H:%M})"


class TrainingSession(models.Model):
    """A Foundations residential or an E-session for a cohort. Its team lists trainers and co-trainers
    together: in co-production both deliver the session as equals."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="sessions")
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, related_name="sessions")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    place = models.CharField(max_length=200)
    notes = models.TextField(blank=True, help_text="Anything the group should know: access, what to bring.")
    team = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="training_sessions", blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gte=models.F("starts_at")), name="pathway_session_ends_after")
        ]

    def __str__(self) -> str:
        return f"{self.stage.title}: {self.cohort.name}"


class Attendance(models.Model):
    """Whether an organiser of the cohort came to a session."""

    ATTENDED = "attended"
    APOLOGIES = "apologies"
    ABSENT = "absent"
    STATUS_CHOICES = [(ATTENDED, "Came"), (APOLOGIES, "Sent apologies"), (ABSENT, "Did not come")]

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="attendance")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendance")
    status = models.CharField(max_length=10, choices=STATUS_CHOICES)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "enrolment"], name="pathway_one_attendance_per_session")
        ]

    def __str__(self) -> str:
        return f"{self.enrolment.user}: {self.get_status_display()}"
