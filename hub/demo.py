"""Demo accounts: at least one for every role, with confirmed email addresses."""

from functools import cache

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction

from hub import roles
from hub.demo_support import DEMO_PASSWORD, DemoContext

# (username, display name, role). Organisers and hosts match the profiles the profiles demo builds.
DEMO_PEOPLE = [
    ("amara", "Amara Okafor", roles.ORGANISER),
    ("ben", "Ben Hughes", roles.ORGANISER),
    ("chloe", "Chloe Whitfield", roles.ORGANISER),
    ("dev", "Dev Patel", roles.ORGANISER),
    ("eilidh", "Eilidh MacLeod", roles.ORGANISER),
    ("farah", "Farah Hussain", roles.ORGANISER),
    ("gareth", "Gareth Price", roles.ORGANISER),
    ("hana", "Hana Kowalski", roles.ORGANISER),
    ("isaac", "Isaac Mensah", roles.ORGANISER),
    ("jo", "Jo Fletcher", roles.ORGANISER),
    ("kofi", "Kofi Asante", roles.ORGANISER),
    ("leah", "Leah Brennan", roles.ORGANISER),
    ("marcus", "Marcus Reid", roles.ORGANISER),
    ("nadia", "Nadia Rahman", roles.ORGANISER),
    ("owen", "Owen Davies", roles.ORGANISER),
    ("priya", "Priya Sharma", roles.ORGANISER),
    ("rosa", "Rosa Delgado", roles.ORGANISER),
    ("sam", "Sam Turner", roles.ORGANISER),
    ("tomasz", "Tomasz Nowak", roles.ORGANISER),
    ("una", "Una Gallagher", roles.ORGANISER),
    ("victor", "Victor Adeyemi", roles.ORGANISER),
    ("wren", "Wren Holloway", roles.ORGANISER),
    ("host-riverside", "Riverside Community Trust", roles.HOST),
    ("host-northgate", "Northgate Neighbours", roles.HOST),
    ("host-keystone", "Keystone Support Network", roles.HOST),
    ("host-harbour", "Harbour Lane Centre", roles.HOST),
    ("host-moorland", "Moorland Villages Forum", roles.HOST),
    ("host-eastfield", "Eastfield Tenants Association", roles.HOST),
    ("host-canalside", "Canalside Youth Project", roles.HOST),
    ("host-millbrook", "Millbrook Faith and Community", roles.HOST),
    ("mod-yasmin", "Yasmin Clarke", roles.MODERATOR),
    ("mod-peter", "Peter Lindqvist", roles.MODERATOR),
    ("member-alice", "Alice Bell", roles.MEMBER),
    ("member-bilal", "Bilal Chaudhry", roles.MEMBER),
    ("member-carys", "Carys Evans", roles.MEMBER),
    ("member-dan", "Dan O'Neill", roles.MEMBER),
    ("member-esther", "Esther Mwangi", roles.MEMBER),
    ("member-frank", "Frank Doyle", roles.MEMBER),
    ("member-grace", "Grace Liu", roles.MEMBER),
    ("member-harry", "Harry Stevens", roles.MEMBER),
    ("member-iris", "Iris Novak", roles.MEMBER),
    ("member-jamal", "Jamal Bakr", roles.MEMBER),
    ("member-kate", "Kate Morrison", roles.MEMBER),
    ("member-lewis", "Lewis Grant", roles.MEMBER),
]


@cache
def _demo_password_hash() -> str:
    """Hash once: hashing is deliberately slow, and every demo account shares the password."""
    return make_password(DEMO_PASSWORD)


@transaction.atomic
def _ensure_user(username: str, display_name: str, role_names: list[str], superuser: bool = False):
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=username,
        defaults={
            "email": f"{username}@example.org",
            "display_name": display_name,
            "is_staff": superuser,
            "is_superuser": superuser,
        },
    )
    if created:
        user.password = _demo_password_hash()
        user.save(update_fields=["password"])
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        user.groups.add(*Group.objects.filter(name__in=role_names))
    return user, created


def load(demo: DemoContext) -> None:
    demo.step("Accounts for every role")
    _ensure_user("admin", "Hub administrator", [roles.MEMBER], superuser=True)
    total = len(DEMO_PEOPLE)
    for done, (username, display_name, role) in enumerate(DEMO_PEOPLE, start=1):
        role_names = [roles.MEMBER] if role == roles.MEMBER else [roles.MEMBER, role]
        _ensure_user(username, display_name, role_names)
        demo.progress("accounts", done, total)
