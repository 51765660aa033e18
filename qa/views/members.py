"""A member's public page: reputation figures, feedback received, questions and answers."""

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, render

from profiles import selectors as profile_selectors
from qa import reputation, selectors


def member(request, username: str):
    user = get_object_or_404(get_user_model(), username=username, is_active=True)
    activity = selectors.activity_for_user(user, limit=20)
    context = {
        "member": user,
        "figures": activity["reputation"],
        "star": reputation.star_for(user.feedback_score),
        "feedback": selectors.feedback_received(user),
        "questions": activity["questions"],
        "answers": activity["answers"],
        "profile": profile_selectors.profile_for_user(user),
        "privileges": [
            (label, reputation.privilege_threshold(key), reputation.has_privilege(user, key))
            for key, label in reputation.PRIVILEGE_LABELS.items()
        ],
    }
    return render(request, "qa/member.html", context)
