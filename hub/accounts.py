"""Account rules for django-allauth: every new account joins the Member role."""

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth.models import Group
from django.db import transaction

from hub.roles import MEMBER


class HubAccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        with transaction.atomic():
            user = super().save_user(request, user, form, commit=commit)
            if commit:
                user.groups.add(Group.objects.get(name=MEMBER))
        return user
