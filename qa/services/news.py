"""What the forum tells a member about their own posts, in their inbox: ratings they received and
moderators' decisions. Followers' news (new answers, comments) is qa/services/follows.py."""

from hub import notifications
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


def rating_received(rating: Rating, post) -> None:
    """Tell the author someone rated their post (the inbox only: ratings never send email)."""
    text = f"{rating.rater.public_name} gave {VALUE_WORDS[rating.value]} rating."
    if rating.feedback:
        text += f"\nTheir feedback: “{rating.feedback}”"
    message = notifications.Message(
        subject=f"New rating of {_what(post)}",
        text=text,
        url=notifications.absolute_url(post.get_absolute_url()),
        kind="rating",
    )
    notifications.notify(post.author, message, notifications.NO_EMAIL)


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
