"""Sign-up and username changes refuse reserved names and look-alikes (Unicode skeletons, UTS #39)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.html import escape

from hub.confusables import skeleton, username_keys
from hub.models import USERNAME_LOOKALIKE, USERNAME_RESERVED
from tests.factories import make_user

User = get_user_model()
CYRILLIC_ADMIN = "\u0430dmin"  # Cyrillic small a, then Latin "dmin"
ALL_CYRILLIC_ADMIN = "\u0430\u0501m\u0456n"  # а, ԁ (Komi de), m, і (Ukrainian i), n: Cyrillic where it has one


def signup(client, username, email="new@example.org"):
    data = {"email": email, "username": username, "password1": "listen-first-2026", "password2": "listen-first-2026"}
    return client.post("/accounts/signup/", data)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (CYRILLIC_ADMIN, "admin"),
        ("ADMIN", CYRILLIC_ADMIN),
        ("paypa1", "paypal"),
        ("PAYPAL", "paypaI"),  # capital I looks like small l
        ("modern", "rnodern"),  # "m" and "rn"
        ("\u0455upport", "support"),  # Cyrillic dze
        ("r\u03bfot", "root"),  # Greek omicron
        ("\uff41\uff44\uff4d\uff49\uff4e", "admin"),  # fullwidth letters
        ("c0ffee", "COFFEE"),
        ("sam_", "sam"),
    ],
)
def test_look_alikes_share_a_key(one, other):
    assert set(username_keys(one)) & set(username_keys(other))


@pytest.mark.parametrize(("one", "other"), [("sam", "pam"), ("admin", "admins"), ("organiser1", "organiser2")])
def test_different_names_keep_different_keys(one, other):
    assert not set(username_keys(one)) & set(username_keys(other))


def test_skeleton_follows_the_unicode_table_and_is_idempotent():
    assert skeleton(CYRILLIC_ADMIN) == skeleton("admin") == "adrnin"
    assert skeleton(skeleton(ALL_CYRILLIC_ADMIN)) == skeleton(ALL_CYRILLIC_ADMIN)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "username", ["admin", CYRILLIC_ADMIN, ALL_CYRILLIC_ADMIN, "Moderator", "supp0rt", "api", "static"]
)
def test_signup_refuses_reserved_names_and_their_look_alikes(client, username):
    response = signup(client, username)
    assert response.status_code == 200
    assert escape(USERNAME_RESERVED) in response.content.decode()
    assert not User.objects.filter(email="new@example.org").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["s\u0430m_patel", "SAM_PATEL", "sam_pate1"])
def test_signup_refuses_a_look_alike_of_a_members_name(client, username):
    make_user("sam_patel")
    response = signup(client, username)
    assert response.status_code == 200
    html = response.content.decode()
    assert escape(USERNAME_LOOKALIKE) in html or "already" in html  # SAM_PATEL: allauth's own same-name message
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_an_ordinary_name_signs_up_and_stores_its_key(client):
    make_user("sam_patel")
    response = signup(client, "samira")
    assert response.status_code == 302
    stored = User.objects.get(username="samira")
    assert (stored.username_key, stored.username_key_as_typed) == username_keys("samira") == ("sarnira", "sarnira")


@pytest.mark.django_db
def test_changing_a_username_to_a_look_alike_is_refused_and_an_unchanged_one_is_not():
    make_user("sam_patel")
    other = make_user("jo")
    other.username = "sam_pate1"
    with pytest.raises(ValidationError) as raised:
        other.full_clean()
    assert raised.value.message_dict["username"] == [USERNAME_LOOKALIKE]
    legacy = make_user("support")  # made before the rule (or by an operator): editing it still works
    legacy.first_name = "Help"
    legacy.full_clean()


@pytest.mark.django_db
def test_the_key_follows_a_username_saved_with_update_fields():
    user = make_user("jo")
    user.username = "j\u043e"  # Cyrillic o
    user.save(update_fields=["username"])
    assert User.objects.get(pk=user.pk).username_key == username_keys("jo")[0] == "jo"


@pytest.mark.django_db
def test_username_changes_in_the_admin_are_checked(client, superuser):
    make_user("sam_patel")
    target = make_user("jo")
    client.force_login(superuser)
    response = client.post(
        f"/admin/users/edit/{target.pk}/",
        {"username": "s\u0430m_patel", "email": "jo@example.org", "first_name": "", "last_name": "", "is_active": "on"},
    )
    assert escape(USERNAME_LOOKALIKE) in response.content.decode()
    assert User.objects.get(pk=target.pk).username == "jo"
