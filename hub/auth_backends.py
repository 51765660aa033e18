"""A member's permissions in one query (docs/adr/0101).

Django's ModelBackend reads a member's own permissions and their groups' permissions in two
queries, on every signed-in page (the header asks whether to show the Admin link). This backend
answers permission questions only, first in AUTHENTICATION_BACKENDS: it reads both sets in one
query and leaves them where ModelBackend looks (`_perm_cache`), so ModelBackend, which still
checks passwords, reads nothing again. It loads a session's user as ModelBackend does, so a
session may name either.
"""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Q


class OneQueryPermissionsBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        return None  # signing in is ModelBackend's and allauth's

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            permissions = Permission.objects.all()
            if not user_obj.is_superuser:
                permissions = permissions.filter(Q(user=user_obj) | Q(group__user=user_obj))
            rows = permissions.values_list("content_type__app_label", "codename").order_by()
            user_obj._perm_cache = {f"{app_label}.{codename}" for app_label, codename in rows}
        return user_obj._perm_cache
