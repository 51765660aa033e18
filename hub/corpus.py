"""Corpus accounts and tags: members who ask, answer and rate, organisers who own profiles and
edit the wiki, each with a confirmed email address and their role, and the tags every part shares."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from taggit.models import Tag

from hub import roles
from hub.corpus_support import TOPIC_WORDS, CorpusContext, insert, next_id, reset_sequences

PREFIX = "corpus-"
PASSWORD = "organise-at-scale"  # noqa: S105 - synthetic benchmark accounts only
TAG_COUNT = 300


def already_generated() -> bool:
    return get_user_model().objects.filter(username__startswith=PREFIX).exists()


def generate(corpus: CorpusContext) -> None:
    organisers = int(corpus.profiles * 0.9)
    corpus.member_ids = _accounts(corpus, "member", corpus.members, [roles.MEMBER])
    corpus.organiser_ids = _accounts(corpus, "organiser", organisers, [roles.MEMBER, roles.ORGANISER])
    corpus.tag_ids = _tags(corpus)
    reset_sequences([get_user_model(), EmailAddress])


def _accounts(corpus: CorpusContext, kind: str, count: int, role_names: list[str]) -> list[int]:
    user_model = get_user_model()
    password = make_password(PASSWORD)
    first = next_id(user_model)
    users = [
        user_model(
            id=first + number,
            username=f"{PREFIX}{kind}-{number}",
            email=f"{PREFIX}{kind}-{number}@example.org",
            display_name=f"{corpus.title(1, 2)} {kind.title()} {number}",
            password=password,
            date_joined=corpus.moment(),
            is_active=True,
        )
        for number in range(count)
    ]
    insert(users)
    email_first = next_id(EmailAddress)
    insert(
        [
            EmailAddress(id=email_first + n, user_id=user.id, email=user.email, verified=True, primary=True)
            for n, user in enumerate(users)
        ]
    )
    through = user_model.groups.through
    groups = list(Group.objects.filter(name__in=role_names).values_list("pk", flat=True))
    through.objects.bulk_create([through(user_id=user.id, group_id=group) for user in users for group in groups])
    corpus.step(f"{count:,} {kind} accounts")
    return [user.id for user in users]


def _tags(corpus: CorpusContext) -> list[int]:
    existing = set(Tag.objects.values_list("slug", flat=True))
    names = []
    while len(names) < TAG_COUNT:
        name = " ".join(corpus.rng.sample(TOPIC_WORDS, 2))
        slug = name.replace(" ", "-")
        if slug not in existing:
            existing.add(slug)
            names.append((name, slug))
    Tag.objects.bulk_create([Tag(name=name, slug=slug) for name, slug in names])
    ids = list(Tag.objects.filter(slug__in=[slug for _, slug in names]).values_list("pk", flat=True))
    corpus.step(f"{len(ids)} tags")
    return ids
