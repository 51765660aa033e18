import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail

SIGNUP = {
    "email": "newcomer@example.org",
    "username": "newcomer",
    "password1": "listen-first-2026",
    "password2": "listen-first-2026",
}


@pytest.mark.django_db
def test_signup_sends_confirmation_and_confirming_signs_in(client):
    response = client.post("/accounts/signup/", SIGNUP)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    user = get_user_model().objects.get(username="newcomer")
    assert list(user.groups.values_list("name", flat=True)) == ["Member"]
    assert EmailAddress.objects.get(user=user).verified is False
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["newcomer@example.org"]
    confirm_path = re.search(r"http://[^/]+(/accounts/confirm-email/[^/\s]+/)", mail.outbox[0].body).group(1)

    assert client.get("/accounts/profile/").status_code == 302  # not signed in before confirming
    page = client.get(confirm_path)
    assert page.status_code == 200
    response = client.post(confirm_path)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified is True
    assert client.get("/accounts/profile/").status_code == 200


@pytest.mark.django_db
def test_unconfirmed_account_cannot_log_in(client):
    client.post("/accounts/signup/", SIGNUP)
    client.logout()
    response = client.post("/accounts/login/", {"login": "newcomer", "password": SIGNUP["password1"]})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert client.get("/accounts/profile/").status_code == 302


@pytest.mark.django_db
def test_signup_with_mismatched_passwords_shows_the_error_and_creates_nothing(client):
    response = client.post("/accounts/signup/", {**SIGNUP, "password2": "something-else-99"})
    assert response.status_code == 200
    assert b"Type the same password twice" in response.content
    assert not get_user_model().objects.filter(username="newcomer").exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_password_reset_sends_a_link(client, member):
    response = client.post("/accounts/password/reset/", {"email": member.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


@pytest.mark.django_db
def test_confirming_in_another_browser_signs_the_new_member_in_there():
    from django.test import Client

    signup_browser, phone = Client(), Client()
    signup_browser.post("/accounts/signup/", SIGNUP)
    confirm_path = re.search(r"https?://[^/]+(/accounts/confirm-email/[^/\s]+/)", mail.outbox[0].body).group(1)
    response = phone.post(confirm_path)
    assert response.status_code == 302
    assert response["Location"] == "/welcome/"
    welcome = phone.get("/welcome/")
    assert welcome.status_code == 200
    assert "Welcome, newcomer" in welcome.content.decode()


@pytest.mark.django_db
def test_a_used_confirmation_link_never_signs_anyone_in_again(client):
    from django.test import Client

    client.post("/accounts/signup/", SIGNUP)
    confirm_path = re.search(r"https?://[^/]+(/accounts/confirm-email/[^/\s]+/)", mail.outbox[0].body).group(1)
    Client().post(confirm_path)
    stranger = Client()
    stranger.post(confirm_path)
    assert stranger.get("/accounts/profile/").status_code == 302
