"""What the forum tells a member about their own posts, in their inbox: ratings they received and
moderators' decisions. Followers' news (new answers, comments) is qa/services/follows.py."""

from hub import inbox, notifications
from qa.models import Answer, Comment, Question, Rating

VALUE_WORDS = {Rating.POSITIVE: "a positive", Rating.NEUTRAL: "a neutral", Rating.NEGATIVE: "a negative"}


def _what(post) -> str:
    if isinstance(post, Question):
        return f"your question “{post.title}”"
    if isinstance(post, Answer):
        return f"your answer to “{post.question.title}”"
    return "your comment"


def _question_url(post) -> str:
    question = post if isinstance(post, Question) else getattr(post, "question", None) or post.answer.question
    return question.get_absolute_url()


def rating_received(rating: Rating, post) -> int:
    """Tell the author someone rated their post (the inbox only: ratings never send email). Returns
    how many messages the author's unread count must grow by (0 or 1): the rating adds it in the one
    update of the author's row it makes anyway (hub.inbox.add_uncounted)."""
    if not post.author.is_active:
        return 0  # as notifications.notify: no message for a closed account
    text = f"{rating.rater.public_name} gave {VALUE_WORDS[rating.value]} rating."
    if rating.feedback:
        text += f"\nTheir feedback: “{rating.feedback}”"
    subject = f"New rating of {_what(post)}"
    inbox.add_uncounted(post.author, subject, text, notifications.absolute_url(post.get_absolute_url()), "rating")
    return 1


def hidden(target, reason: str) -> None:
    """Tell the author a moderator hid their post, and why."""
    what = _what(target)
    message = notifications.Message(
        subject=f"A moderator hid {what}",
        text=f"The reason: {reason}\nOnly moderators can see it now. If you think this is wrong, reply to a moderator.",
        url=notifications.absolute_url(_question_url(target)),
        kind="moderation",
    )
    notifications.notify(target.author, message, notifications.NO_EMAIL)


def restored(target) -> None:
    message = notifications.Message(
        subject=f"A moderator showed {_what(target)} again",
        text="Everyone can see it again.",
        url=notifications.absolute_url(
            target.get_absolute_url() if not isinstance(target, Comment) else _question_url(target)
        ),
        kind="moderation",
    )
    notifications.notify(target.author, message, notifications.NO_EMAIL)
