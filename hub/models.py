from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models

from hub.confusables import username_keys

USERNAME_RESERVED = "This username is kept for the hub's own use. Choose another."
USERNAME_LOOKALIKE = (
    "This username looks too much like one a member already has, or one the hub keeps for itself. "
    "Choose another: adding a word or a number usually works."
)


class User(AbstractUser):
    """The hub's account. Custom from the first migration so later fields need no swap."""

    display_name = models.CharField(
        max_length=100,
        blank=True,
        help_text="The name other members see. Leave blank to use your username.",
    )
    # Reputation from the Q&A forum, stored here so that every author name can show it without
    # another query. Derived data: qa maintains it and `qa_recompute_reputation` rebuilds it.
    feedback_score = models.IntegerField(default=0, db_index=True, editable=False)
    feedback_positive_weeks = models.PositiveIntegerField(
        default=0, editable=False, help_text="Positive rater-weeks in the last 12 months."
    )
    feedback_negative_weeks = models.PositiveIntegerField(
        default=0, editable=False, help_text="Negative rater-weeks in the last 12 months."
    )
    # The first week the two counts above cover (qa/reputation.py): a rating moves the figures by
    # deltas only while the 12-month window still starts there; otherwise it recounts them in full.
    feedback_window_start = models.DateField(null=True, blank=True, editable=False)
    # How many inbox messages wait unread: stored so the bell in every page's header costs no query.
    # hub/inbox.py keeps it equal to the count of unread Notification rows.
    unread_notifications = models.PositiveIntegerField(default=0, editable=False)
    # Set by a moderator (qa.services.moderation.suspend): the member may still sign in and read, but
    # every write is refused and their posts leave every public list (hub/visibility.py). Who did it
    # and why is in the moderation log, which keeps every action.
    suspended_at = models.DateTimeField(null=True, blank=True, editable=False, db_index=True)
    avatar = models.ImageField(
        upload_to="avatars/",
        blank=True,
        help_text="A square picture of you (or your organisation's logo). Without one, we show your initials.",
    )

    # The username's two keys for finding look-alikes (hub/confusables.py): Unicode skeletons, case-folded.
    username_key = models.CharField(max_length=600, blank=True, db_index=True, editable=False)
    username_key_as_typed = models.CharField(max_length=600, blank=True, db_index=True, editable=False)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        ordering = ["username"]

    def save(self, *args, **kwargs):
        self.username_key, self.username_key_as_typed = username_keys(self.username)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "username" in update_fields:
            kwargs["update_fields"] = {*update_fields, "username_key", "username_key_as_typed"}
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        unchanged = self.pk and type(self).objects.filter(pk=self.pk, username=self.username).exists()
        problem = None if unchanged else username_refusal(self.username, exclude_pk=self.pk)
        if problem:
            raise ValidationError({"username": problem})

    def __str__(self) -> str:
        return self.public_name

    @property
    def is_suspended(self) -> bool:
        return self.suspended_at is not None

    @property
    def public_name(self) -> str:
        return self.display_name or self.get_full_name() or self.username


def username_refusal(username: str, exclude_pk: int | None = None) -> str | None:
    """Why a new or changed username is refused (reserved, or a look-alike of another); None when free.
    An identical username is left to the uniqueness check, which says so in its own words."""
    keys = set(username_keys(username))
    if any(keys.intersection(username_keys(name)) for name in settings.HUB_RESERVED_USERNAMES):
        return USERNAME_RESERVED
    lookalike = models.Q(username_key__in=keys) | models.Q(username_key_as_typed__in=keys)
    others = User.objects.filter(lookalike).exclude(username__iexact=username)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    return USERNAME_LOOKALIKE if others.exists() else None


class PendingNotification(models.Model):
    """A notification waiting for the member's daily digest (see hub/notifications.py)."""

    user = models.ForeignKey("hub.User", on_delete=models.CASCADE, related_name="pending_notifications")
    subject = models.CharField(max_length=200)
    text = models.TextField()
    url = models.CharField(max_length=500)
    unsubscribe_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.subject


class ScheduledRun(models.Model):
    """One period of one periodic job, claimed by the scheduler that enqueued it (hub/scheduler.py).

    The unique constraint is the lock: however many schedulers run, one insert per job and
    period succeeds, so each job is enqueued once per period and never again on a restart.
    """

    job = models.CharField(max_length=100)
    period = models.DateTimeField(help_text="The scheduled time this run stands for.")
    enqueued_at = models.DateTimeField(auto_now_add=True)
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-period", "job"]
        constraints = [models.UniqueConstraint(fields=["job", "period"], name="hub_scheduled_run_once_per_period")]

    def __str__(self) -> str:
        return f"{self.job} at {self.period:%Y-%m-%d %H:%M}"


class SubmissionToken(models.Model):
    """The token of one submitted form (or an API call's Idempotency-Key) and the row it stored, so a
    resubmission of the same form is answered with that row instead of a second one (hub/submissions.py)."""

    user = models.ForeignKey("hub.User", on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64)
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "token"], name="hub_submission_token_once")]

    def __str__(self) -> str:
        return f"{self.token} by {self.user_id}"


class Notification(models.Model):
    """One message in a member's in-site inbox (hub/inbox.py), whatever emails they chose."""

    user = models.ForeignKey("hub.User", on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=40, blank=True, help_text="What it is about: answer, reply, rating, ...")
    subject = models.CharField(max_length=200)
    text = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="hub_notification_unread")]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class ModerationEntry(models.Model):
    """One moderator's action, for the audit trail (hub/moderation.py): who did what to what, when
    and why. Rows are only ever added: restoring a post adds a "restore" entry and keeps the "hide"
    entry, with who hid it and why."""

    HIDE, RESTORE, LOCK, UNLOCK = "hide", "restore", "lock", "unlock"
    SUSPEND, UNSUSPEND, DISMISS = "suspend", "unsuspend", "dismiss"
    APPROVE_RATING, REJECT_RATING = "approve_rating", "reject_rating"
    ACTION_CHOICES = [
        (HIDE, "Hid"),
        (RESTORE, "Restored"),
        (LOCK, "Locked"),
        (UNLOCK, "Unlocked"),
        (SUSPEND, "Suspended"),
        (UNSUSPEND, "Lifted the suspension of"),
        (DISMISS, "Dismissed the reports on"),
        (APPROVE_RATING, "Approved a held rating on"),
        (REJECT_RATING, "Rejected a held rating on"),
    ]

    moderator = models.ForeignKey("hub.User", null=True, on_delete=models.SET_NULL, related_name="+")
    moderator_name = models.CharField(max_length=150, help_text="Kept if the moderator's account is deleted.")
    action = models.CharField(max_length=20, choices=ACTION_CHOICES)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_id = models.CharField(max_length=64, blank=True)
    target = models.CharField(max_length=200, help_text="What it was about, as it read at the time.")
    target_url = models.CharField(max_length=500, blank=True)
    member = models.ForeignKey(
        "hub.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="moderation_entries",
        help_text="Whose post or account it was.",
    )
    reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="hub_moderation_target")]
        verbose_name_plural = "moderation entries"

    def __str__(self) -> str:
        return f"{self.moderator_name} {self.get_action_display().lower()} {self.target}"


class Report(models.Model):
    """A member's report of something that has no report of its own in its part (a profile), for the
    moderators' queue (hub/reports.py). The forum's posts and the discussions' comments keep theirs."""

    SPAM, OFFENSIVE, IMPERSONATION, OTHER = "spam", "offensive", "impersonation", "other"
    REASON_CHOICES = [
        (SPAM, "Spam or advertising"),
        (OFFENSIVE, "Offensive"),
        (IMPERSONATION, "Pretends to be someone else"),
        (OTHER, "Something else"),
    ]
    OPEN, ACTIONED, DISMISSED = "open", "actioned", "dismissed"
    STATUS_CHOICES = [(OPEN, "Open"), (ACTIONED, "Acted on"), (DISMISSED, "Dismissed")]

    reporter = models.ForeignKey("hub.User", on_delete=models.CASCADE, related_name="reports_made")
    kind = models.CharField(max_length=30, help_text="What was reported, as registered in hub/reports.py.")
    object_id = models.PositiveBigIntegerField()
    reason = models.CharField(max_length=20, choices=REASON_CHOICES)
    note = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default=OPEN, db_index=True)
    created_at = models.DateTimeField()
    resolved_by = models.ForeignKey("hub.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "kind", "object_id"], condition=models.Q(status="open"), name="hub_one_open_report"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} report on {self.kind} {self.object_id}"
