"""A member's permissions in one query (docs/adr/0101).

Django's ModelBackend reads a member's own permissions and their groups' permissions in two
queries, on every signed-in page (the header asks whether to show the Admin link). This backend
answers permission questions only, first in AUTHENTICATION_BACKENDS: it reads both sets in one
query and leaves them where ModelBackend looks (`_perm_cache`), so ModelBackend, which still
checks passwords, reads nothing again. The same query reads the member's group names too
(hub/roles.py `load_roles_and_permissions`). It loads a session's user as ModelBackend does, so
a session may name either.
"""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission

from hub import roles


class OneQueryPermissionsBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        return None  # signing in is ModelBackend's and allauth's

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:  # every permission
                rows = Permission.objects.values_list("content_type__app_label", "codename").order_by()
                user_obj._perm_cache = {f"{app_label}.{codename}" for app_label, codename in rows}
            else:
                roles.load_roles_and_permissions(user_obj)
        return user_obj._perm_cache
