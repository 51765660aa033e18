"""Account rules for django-allauth: every new account joins the Member role, and the account
limits (failed log-ins, confirmation emails) go through the hub's one rate-limit helper."""

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth.models import Group
from django.db import transaction

from hub import ratelimit
from hub.roles import MEMBER


def login_key(credentials: dict) -> str:
    login = credentials.get("email") or credentials.get("username") or ""
    return "account:" + login.strip().lower()


class HubAccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        with transaction.atomic():
            user = super().save_user(request, user, form, commit=commit)
            if commit:
                user.groups.add(Group.objects.get(name=MEMBER))
        return user

    def get_client_ip(self, request) -> str:
        return ratelimit.client_ip(request)

    def pre_authenticate(self, request, **credentials):
        """Each password check spends one attempt, per address and per account, before the check:
        past the limit the password is not checked at all (a 429 page says when to try again)."""
        self._hub_attempts = [("login-failed-address", f"ip:{ratelimit.client_ip(request)}")]
        ratelimit.consume(*self._hub_attempts[0])
        self._hub_attempts.append(("login-failed-account", login_key(credentials)))
        try:
            ratelimit.consume(*self._hub_attempts[1])
        except ratelimit.RateLimited:
            ratelimit.undo(*self._hub_attempts[0])
            raise

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user is not None:
            # A right password gives its attempts back: only failures count toward the limits.
            for name, key in getattr(self, "_hub_attempts", []):
                ratelimit.undo(name, key)
        return user

    def send_confirmation_mail(self, request, emailconfirmation, signup):
        """At most one confirmation email per address every few minutes (the first, at sign-up, always)."""
        if not signup:
            try:
                ratelimit.consume("confirm-email", "email:" + emailconfirmation.email_address.email.lower())
            except ratelimit.RateLimited:
                return
        super().send_confirmation_mail(request, emailconfirmation, signup)
