"""The Q&A forum's data: questions, answers, comments, ratings, revisions, follows and flags.

Integrity lives in the database: one answer per member per question, one rating per member
per post, no rating of one's own post, exactly one target per comment, rating and revision.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.text import slugify
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from hub import visibility
from hub.notifications import FREQUENCY_CHOICES, IMMEDIATE

USER = settings.AUTH_USER_MODEL


def visible_q(prefix: str = "") -> Q:
    """A post or comment anyone may see: not hidden by a moderator, and its author not suspended
    (hub/visibility.py). `prefix` applies it through a relation, for example "question__"."""
    return Q(**{f"{prefix}hidden_at__isnull": True}) & visibility.authors_q(f"{prefix}author__")


class VisibleQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(visible_q())


class Moderated(models.Model):
    """Soft delete by a moderator: hidden content stays in the database with who and why."""

    hidden_at = models.DateTimeField(null=True, blank=True, db_index=True)
    hidden_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    hidden_reason = models.CharField(max_length=200, blank=True)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


RESERVED_SLUGS = {"answer", "edit", "close", "reopen", "unaccept", "follow"}


class TaggedQuestion(TaggedItemBase):
    """Questions share taggit's Tag table with the wiki, so one tag means one thing hub-wide."""

    content_object = models.ForeignKey("Question", on_delete=models.CASCADE, related_name="tagged_items")


class Question(Moderated):
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="questions")
    title = models.CharField(max_length=150)
    slug = models.SlugField(max_length=150, allow_unicode=False)
    body = models.TextField(help_text="Markdown.")
    tags = TaggableManager(through=TaggedQuestion, blank=True)
    created_at = models.DateTimeField(db_index=True)
    updated_at = models.DateTimeField()
    last_activity_at = models.DateTimeField(db_index=True)
    rating_score = models.IntegerField(default=0)
    answer_count = models.PositiveIntegerField(default=0)
    accepted_answer = models.OneToOneField(
        "Answer", null=True, blank=True, on_delete=models.SET_NULL, related_name="accepted_for"
    )
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    locked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(duplicate_of=F("pk")), name="qa_question_not_duplicate_of_itself"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        slug = slugify(self.title)[:140] or "question"
        # /questions/<id>/<action>/ routes come first: a slug must never look like one of them.
        self.slug = f"{slug}-question" if slug in RESERVED_SLUGS else slug
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("qa:question", args=[self.pk, self.slug])

    @property
    def is_closed(self) -> bool:
        return self.duplicate_of_id is not None

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().filter(visible_q())


class Answer(Moderated):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="answers")
    body = models.TextField(help_text="Markdown.")
    created_at = models.DateTimeField(db_index=True)
    updated_at = models.DateTimeField()
    rating_score = models.IntegerField(default=0)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["question", "author"], name="qa_one_answer_per_member_per_question"),
        ]

    def __str__(self) -> str:
        return f"Answer to {self.question.title}"

    def get_absolute_url(self) -> str:
        """Its lasting address, which finds the page of its question that shows it (docs/adr/0111)."""
        return reverse("qa:answer_link", args=[self.pk])

    @property
    def title(self) -> str:
        return f"Answer to {self.question.title}"

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().filter(visible_q())


def _exactly_one(fields: list[str], name: str) -> models.CheckConstraint:
    """Exactly one of `fields` is set: what the row is about."""
    conditions = []
    for field in fields:
        condition = Q(**{f"{field}__isnull": False})
        for other in fields:
            if other != field:
                condition &= Q(**{f"{other}__isnull": True})
        conditions.append(condition)
    result = conditions[0]
    for condition in conditions[1:]:
        result |= condition
    return models.CheckConstraint(condition=result, name=name)


def _unique_with(fields: list[str], target: str, name: str) -> models.UniqueConstraint:
    """`fields` are unique together among the rows that point at a `target` (a question, an answer, a tag)."""
    return models.UniqueConstraint(fields=fields, condition=Q(**{f"{target}__isnull": False}), name=name)


class AboutAPost:
    """Mixed into models whose rows are about exactly one question or one answer: their `question` and
    `answer` foreign keys, one of them set (a check constraint on each model says so)."""

    @property
    def post(self):
        return self.question or self.answer


class Comment(Moderated, AboutAPost):
    """A short remark on a question or an answer (asking for detail, pointing to a resource)."""

    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="qa_comments")
    question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.CASCADE, related_name="comments")
    answer = models.ForeignKey(Answer, null=True, blank=True, on_delete=models.CASCADE, related_name="comments")
    body = models.CharField(max_length=600)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            _exactly_one(["question", "answer"], "qa_comment_one_target"),
        ]

    def __str__(self) -> str:
        return self.body[:60]

    def get_absolute_url(self) -> str:
        if self.answer_id:  # on the page of the question showing its answer (docs/adr/0111)
            return f"{reverse('qa:answer_link', args=[self.answer_id])}?comment={self.pk}"
        return f"{self.question.get_absolute_url()}#comment-{self.pk}"


class Rating(AboutAPost, models.Model):
    """One member's eBay-style rating of one post. Rating again replaces it (same row, new date)."""

    POSITIVE, NEUTRAL, NEGATIVE = 1, 0, -1
    VALUE_CHOICES = [(POSITIVE, "Positive"), (NEUTRAL, "Neutral"), (NEGATIVE, "Negative")]

    rater = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="ratings_given")
    recipient = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="ratings_received")
    question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.CASCADE, related_name="ratings")
    answer = models.ForeignKey(Answer, null=True, blank=True, on_delete=models.CASCADE, related_name="ratings")
    value = models.SmallIntegerField(choices=VALUE_CHOICES)
    feedback = models.CharField(max_length=80, blank=True)
    from_acceptance = models.BooleanField(default=False, help_text="Made by accepting the answer.")
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField(db_index=True, help_text="The rating counts in this week.")
    # Serial rating: held ratings do not count toward reputation until a moderator reviews them.
    held = models.BooleanField(default=False, db_index=True)
    reviewed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        constraints = [
            _exactly_one(["question", "answer"], "qa_rating_one_target"),
            models.CheckConstraint(condition=~Q(rater=F("recipient")), name="qa_rating_not_own_post"),
            models.CheckConstraint(condition=Q(value__in=[-1, 0, 1]), name="qa_rating_value_range"),
            _unique_with(["rater", "question"], "question", "qa_one_rating_per_question"),
            _unique_with(["rater", "answer"], "answer", "qa_one_rating_per_answer"),
        ]
        indexes = [models.Index(fields=["recipient", "updated_at"], name="qa_rating_recipient_week")]

    def __str__(self) -> str:
        return f"{self.get_value_display()} from {self.rater_id} to {self.recipient_id}"


class Revision(AboutAPost, models.Model):
    """One saved state of a question or an answer: who wrote it, when, and the full text."""

    question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.CASCADE, related_name="revisions")
    answer = models.ForeignKey(Answer, null=True, blank=True, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    editor = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="qa_revisions")
    title = models.CharField(max_length=150, blank=True)
    body = models.TextField()
    tags = models.CharField(max_length=300, blank=True, help_text="Comma-separated, questions only.")
    summary = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-number"]
        constraints = [
            _exactly_one(["question", "answer"], "qa_revision_one_target"),
            _unique_with(["question", "number"], "question", "qa_question_revision_number"),
            _unique_with(["answer", "number"], "answer", "qa_answer_revision_number"),
        ]

    def __str__(self) -> str:
        return f"Revision {self.number}"


class Follow(models.Model):
    """A member following a question or a tag, by email, immediately or in the daily digest."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="qa_follows")
    question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.CASCADE, related_name="follows")
    tag = models.ForeignKey("taggit.Tag", null=True, blank=True, on_delete=models.CASCADE, related_name="qa_follows")
    frequency = models.CharField(max_length=10, choices=FREQUENCY_CHOICES, default=IMMEDIATE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            _exactly_one(["question", "tag"], "qa_follow_one_target"),
            _unique_with(["user", "question"], "question", "qa_follow_question_once"),
            _unique_with(["user", "tag"], "tag", "qa_follow_tag_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.question_id or self.tag_id}"


class Flag(models.Model):
    """A member's report of a post or comment, worked by moderators in the Wagtail admin."""

    SPAM, OFFENSIVE, OFF_TOPIC, OTHER = "spam", "offensive", "off_topic", "other"
    REASON_CHOICES = [(SPAM, "Spam"), (OFFENSIVE, "Offensive"), (OFF_TOPIC, "Off-topic"), (OTHER, "Something else")]
    OPEN, ACTIONED, DISMISSED = "open", "actioned", "dismissed"
    STATUS_CHOICES = [(OPEN, "Open"), (ACTIONED, "Acted on"), (DISMISSED, "Dismissed")]

    reporter = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="qa_flags")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    reason = models.CharField(max_length=20, choices=REASON_CHOICES)
    note = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default=OPEN, db_index=True)
    created_at = models.DateTimeField()
    resolved_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "content_type", "object_id"],
                condition=Q(status="open"),
                name="qa_one_open_flag_per_reporter",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} flag on {self.content_type.model} {self.object_id}"
