import pytest
from django.core import mail

from hub.models import PendingNotification
from hub.notifications import (
    DAILY,
    IMMEDIATE,
    Message,
    make_unsubscribe_token,
    notify,
    read_unsubscribe_token,
    send_digests,
)

MESSAGE = Message(
    subject="New answer: How do I start a listening campaign?",
    text="Amara answered a question you follow.",
    url="http://127.0.0.1:8000/questions/1/start/",
    unsubscribe_url="http://127.0.0.1:8000/questions/unsubscribe/abc/",
)


@pytest.mark.django_db(transaction=True)
def test_immediate_notification_is_emailed_with_its_unsubscribe_link(member):
    notify(member, MESSAGE, IMMEDIATE)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == MESSAGE.subject
    assert "Stop these emails: http://127.0.0.1:8000/questions/unsubscribe/abc/" in mail.outbox[0].body
    assert PendingNotification.objects.count() == 0


@pytest.mark.django_db
def test_daily_notifications_wait_for_one_digest(member):
    notify(member, MESSAGE, DAILY)
    notify(member, Message("Second", "Another", "http://x/2/"), DAILY)
    assert mail.outbox == []
    assert send_digests() == 1
    assert len(mail.outbox) == 1
    assert "2 updates" in mail.outbox[0].subject
    assert MESSAGE.subject in mail.outbox[0].body and "Second" in mail.outbox[0].body
    assert PendingNotification.objects.filter(sent_at__isnull=True).count() == 0
    assert send_digests() == 0


def test_unsubscribe_token_round_trip_and_refuses_other_kinds_and_forgeries():
    token = make_unsubscribe_token("wiki-watch", 42)
    assert read_unsubscribe_token(token, "wiki-watch") == 42
    assert read_unsubscribe_token(token, "qa-follow") is None
    assert read_unsubscribe_token(token + "x", "wiki-watch") is None
