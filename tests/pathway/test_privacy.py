"""Reflections: private by default; shared with the cohort's training team; or public. Every role checked."""

import pytest
from django.contrib.auth.models import Group

from hub import roles
from pathway import rules
from pathway.models import CoTrainer, Reflection
from tests.factories import PASSWORD, make_user
from tests.pathway.conftest import enrol, make_co_trainer, make_cohort, make_reflection

PRIVATE, TRAINERS, PUBLIC = Reflection.PRIVATE, Reflection.TRAINERS, Reflection.PUBLIC


def _reader(name: str, cohort, other_cohort):
    """Build the reader a row of the table below names."""
    if name == "anonymous":
        return None
    if name == "author":
        return cohort.enrolments.get().user
    role = {
        "member": roles.MEMBER,
        "organiser in the same cohort": roles.ORGANISER,
        "host": roles.HOST,
        "moderator": roles.MODERATOR,
        "trainer of another cohort": roles.TRAINER,
        "trainer of the cohort": roles.TRAINER,
        "trainer who lost the role": roles.TRAINER,
        "superuser": roles.MEMBER,
    }.get(name)
    if name.startswith("co-trainer"):
        person = make_co_trainer("reader-co")
        cohort.team.add(person)
        if name == "co-trainer of the cohort who withdrew":
            CoTrainer.objects.filter(user=person).update(withdrawn_at="2026-02-01T10:00:00Z")
        return person
    person = make_user("reader", role=role, is_superuser=name == "superuser")
    if name == "organiser in the same cohort":
        enrol(person, cohort)
    if name == "trainer of another cohort":
        other_cohort.team.add(person)
    if name in ("trainer of the cohort", "trainer who lost the role"):
        cohort.team.add(person)
    if name == "trainer who lost the role":
        person.groups.remove(Group.objects.get(name=roles.TRAINER))
    return person


# reader: (can read private, can read shared with trainers, can read public)
EXPECTED = {
    "anonymous": (False, False, True),
    "member": (False, False, True),
    "organiser in the same cohort": (False, False, True),
    "host": (False, False, True),
    "moderator": (False, False, True),
    "superuser": (False, False, True),
    "trainer of another cohort": (False, False, True),
    "trainer who lost the role": (False, False, True),
    "trainer of the cohort": (False, True, True),
    "co-trainer of the cohort": (False, True, True),
    "co-trainer of the cohort who withdrew": (False, False, True),
    "author": (True, True, True),
}


@pytest.mark.django_db
@pytest.mark.parametrize("reader_name", list(EXPECTED))
def test_each_reader_sees_exactly_the_reflections_shared_with_them(client, author, cohort, reader_name):
    enrolment = author.pathway_enrolments.get()
    reflections = {
        PRIVATE: make_reflection(enrolment, "e1", PRIVATE),
        TRAINERS: make_reflection(enrolment, "e2", TRAINERS),
        PUBLIC: make_reflection(enrolment, "e3", PUBLIC),
    }
    reader = _reader(reader_name, cohort, make_cohort("Another cohort"))
    if reader is not None:
        client.login(username=reader.username, password=PASSWORD)
    seen = []
    for visibility in (PRIVATE, TRAINERS, PUBLIC):
        reflection = reflections[visibility]
        response = client.get(f"/pathway/reflections/{reflection.pk}/")
        assert response.status_code in (200, 404)
        seen.append(response.status_code == 200)
        if response.status_code == 404:
            assert reflection.title not in response.content.decode()
    assert tuple(seen) == EXPECTED[reader_name]
    visible = set(rules.reflections_visible_to(reader).values_list("pk", flat=True)) if reader else None
    if reader is not None:
        assert visible == {reflections[v].pk for v, ok in zip((PRIVATE, TRAINERS, PUBLIC), seen, strict=True) if ok}


@pytest.mark.django_db
def test_only_the_author_sees_earlier_versions_even_of_a_public_reflection(client, author, cohort, trainer):
    reflection = make_reflection(author.pathway_enrolments.get(), "e1", PUBLIC)
    client.login(username=trainer.username, password=PASSWORD)
    assert client.get(f"/pathway/reflections/{reflection.pk}/history/").status_code == 404
    client.login(username=author.username, password=PASSWORD)
    assert client.get(f"/pathway/reflections/{reflection.pk}/history/").status_code == 200


@pytest.mark.django_db
def test_public_reflections_of_a_deactivated_account_are_no_longer_shown(client, author):
    reflection = make_reflection(author.pathway_enrolments.get(), "e1", PUBLIC)
    assert client.get(f"/pathway/reflections/{reflection.pk}/").status_code == 200
    author.is_active = False
    author.save()
    assert client.get(f"/pathway/reflections/{reflection.pk}/").status_code == 404


@pytest.mark.django_db
def test_shared_reflections_reach_the_new_cohort_when_a_trainer_moves_the_organiser(author, trainer):
    reflection = make_reflection(author.pathway_enrolments.get(), "e1", TRAINERS)
    other_trainer = make_user("trainer-two", role=roles.TRAINER)
    other = make_cohort("Another cohort", team=[other_trainer])
    assert rules.can_view_reflection(trainer, reflection) and not rules.can_view_reflection(other_trainer, reflection)
    enrol(author, other)
    reflection.refresh_from_db()
    assert not rules.can_view_reflection(trainer, reflection) and rules.can_view_reflection(other_trainer, reflection)


@pytest.mark.django_db
def test_a_cohort_view_lists_shared_and_public_reflections_but_never_private_ones(client, author, cohort, trainer):
    enrolment = author.pathway_enrolments.get()
    make_reflection(enrolment, "e1", PRIVATE, title="Kept to myself")
    make_reflection(enrolment, "e2", TRAINERS, title="For my trainers")
    make_reflection(enrolment, "e3", PUBLIC, title="For everyone")
    client.login(username=trainer.username, password=PASSWORD)
    html = client.get(f"/pathway/cohorts/{cohort.pk}/").content.decode()
    assert "For my trainers" in html and "For everyone" in html
    assert "Kept to myself" not in html
