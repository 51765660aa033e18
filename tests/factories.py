"""Factories for test data: plain functions, one place, no magic.

Every part's tests build users through `make_user` so roles and confirmed emails are set the same way.
"""

import itertools

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from hub import roles

_numbers = itertools.count(1)
PASSWORD = "a-test-password-1"


def make_user(username: str | None = None, *, role: str = roles.MEMBER, verified: bool = True, **fields):
    """A user in the Member group plus `role`, with a confirmed (or unconfirmed) primary email."""
    username = username or f"user{next(_numbers)}"
    fields.setdefault("email", f"{username}@example.org")
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **fields)
    names = {roles.MEMBER, role} if role else {roles.MEMBER}
    user.groups.add(*Group.objects.filter(name__in=names))
    EmailAddress.objects.create(user=user, email=user.email, verified=verified, primary=True)
    return user
