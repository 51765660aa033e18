"""Read-side queries of the Q&A forum used by other parts of the hub."""


def home_unanswered_questions(limit: int) -> list:
    return []


def home_recent_questions(limit: int) -> list:
    return []


def activity_for_user(user, limit: int = 10) -> dict:
    """What `user` did in the forum, for profile pages: questions, answers and reputation."""
    return {"questions": [], "answers": [], "reputation": None}
