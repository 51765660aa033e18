"""Account rules for django-allauth: every new account joins the Member role, the account limits
(failed log-ins, confirmation emails) go through the hub's one rate-limit helper, emails link to the
hub's public address, and confirming a new account's email signs the member in, in any browser."""

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.contrib.auth import login
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse

from hub import ratelimit, site
from hub.models import username_refusal
from hub.roles import MEMBER

JUST_CONFIRMED = "_hub_just_confirmed_email"


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

    def clean_username(self, username, shallow=False):
        """allauth's checks, then names kept for the hub and look-alikes of members' names
        (Unicode skeletons, docs/security.md)."""
        username = super().clean_username(username, shallow=shallow)
        problem = username_refusal(username)
        if problem:
            raise forms.ValidationError(problem)
        return username

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

    # Links in allauth's emails use the hub's public address (HUB_BASE_URL), like every other
    # email and feed of the hub, never whichever host name the request happened to arrive on.
    def get_email_confirmation_url(self, request, emailconfirmation):
        return site.absolute_url(super().get_email_confirmation_url(request, emailconfirmation))

    def get_reset_password_from_key_url(self, key):
        return site.absolute_url(super().get_reset_password_from_key_url(key))

    def confirm_email(self, request, email_address):
        confirmed = super().confirm_email(request, email_address)
        if confirmed:
            setattr(request, JUST_CONFIRMED, email_address.pk)
        return confirmed

    def get_email_verification_redirect_url(self, email_address):
        """After confirming: a new member who opened the link in another browser (or on their phone)
        is signed in there too, once, and everyone lands on the welcome page (docs/adr/0090)."""
        request = self.request
        user = email_address.user
        first_confirmation = getattr(request, JUST_CONFIRMED, None) == email_address.pk
        if first_confirmation and not request.user.is_authenticated and user.is_active and user.last_login is None:
            login(request, user, backend="allauth.account.auth_backends.AuthenticationBackend")
        if request.user.is_authenticated:
            return reverse("hub:welcome")
        return super().get_email_verification_redirect_url(email_address)
