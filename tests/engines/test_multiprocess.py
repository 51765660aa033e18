"""The production shape on one machine: two app servers (gunicorn), two task workers and two
schedulers on PostgreSQL and Redis, with a real SMTP server (aiosmtpd). It shows that each periodic
job runs once per period, each email is sent once, and the log-in limit holds exactly across both
app servers. Runs in the PostgreSQL pass; needs Redis on 127.0.0.1:6379 (TEST_REDIS_URL)."""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.sites.models import Site
from django.db import connection
from django_tasks_db.models import DBTaskResult

from hub import roles
from hub.models import PendingNotification, ScheduledRun
from tests.factories import make_user

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/2")
WRONG_PASSWORDS = 25
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


class Inbox:
    def __init__(self):
        self.messages: list[tuple[list[str], str]] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), envelope.content.decode("utf8", "replace")))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_reachable() -> bool:
    parts = urllib.parse.urlsplit(REDIS_URL)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=2):
            return True
    except OSError:
        return False


@pytest.fixture
def redis_url():
    if not redis_reachable():
        message = f"Redis is not running at {REDIS_URL}: start it (redis-server --daemonize yes) or set TEST_REDIS_URL."
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return REDIS_URL


@pytest.fixture
def inbox():
    box = Inbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    box.port = controller.port
    yield box
    controller.stop()


class Hub:
    """The processes of one deployment, sharing the test database, one Redis and one mail server."""

    def __init__(self, tmp_path: Path, redis_url: str, smtp_port: int):
        database = settings.DATABASES["default"]
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.engines.settings",
            "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
            "CACHE_URL": redis_url,
            "HUB_CACHE_KEY_PREFIX": f"multiprocess-{uuid.uuid4().hex[:8]}",
            "TEST_SMTP_PORT": str(smtp_port),
            "PYTHONUNBUFFERED": "1",
        }
        self.tmp_path = tmp_path
        self.processes: list[tuple[str, subprocess.Popen]] = []
        self.app_urls: list[str] = []

    def start(self, name: str, *command: str) -> subprocess.Popen:
        log = (self.tmp_path / f"{name}.log").open("w")
        process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        self.processes.append((name, process))
        return process

    def start_app(self, name: str) -> None:
        port = free_port()
        self.start(
            name, sys.executable, "-m", "gunicorn", "hub.wsgi:application",
            "--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", "8",
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        self.app_urls.append(url)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(url + "/accounts/login/", timeout=30)
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        raise RuntimeError(f"{name} did not start:\n{self.log(name)}")

    def log(self, name: str) -> str:
        return (self.tmp_path / f"{name}.log").read_text(errors="replace")[-3000:]

    def stop(self, *names: str) -> None:
        for name, process in self.processes:
            if (not names or name in names) and process.poll() is None:
                process.terminate()
        for name, process in self.processes:
            if not names or name in names:
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()


class Browser:
    """A visitor with cookies: fetches the log-in page for its CSRF token, then posts."""

    def __init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect()
        )

    def post_form(self, base: str, path: str, data: dict) -> tuple[int, str]:
        page = self.opener.open(base + path, timeout=30).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        try:
            response = self.opener.open(urllib.request.Request(base + path, data=body), timeout=30)
            return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def prepare_rows() -> list:
    """What the migrations made, which a transactional test's database may have lost."""
    for name in roles.ALL_ROLES:
        Group.objects.get_or_create(name=name)
    Site.objects.update_or_create(pk=1, defaults={"domain": "127.0.0.1", "name": "hub"})
    make_user("sam")
    members = [make_user(f"digest{number}") for number in range(3)]
    for member in members:
        for subject in ("A page you watch changed", "A question you follow has an answer"):
            PendingNotification.objects.create(user=member, subject=subject, text="...", url="http://127.0.0.1/")
    return members


def wrong_passwords_across_both_apps(hub: Hub) -> list[int]:
    codes: list[int] = []
    barrier = threading.Barrier(WRONG_PASSWORDS)

    def attempt(number: int) -> None:
        browser = Browser()
        base = hub.app_urls[number % 2]
        page = browser.opener.open(base + "/accounts/login/", timeout=30).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({"login": "sam", "password": "wrong-guess", "csrfmiddlewaretoken": token})
        barrier.wait(timeout=60)
        try:
            codes.append(browser.opener.open(base + "/accounts/login/", data=body.encode(), timeout=60).status)
        except urllib.error.HTTPError as error:
            codes.append(error.code)

    threads = [threading.Thread(target=attempt, args=(number,)) for number in range(WRONG_PASSWORDS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return codes


def wait_for_periods(count: int, hub: Hub, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        claimed = [ScheduledRun.objects.filter(job=job).count() for job in ("send-digests", "tidy-task-records")]
        if min(claimed) >= count:
            return
        time.sleep(0.5)
    raise AssertionError(f"the schedulers claimed too few periods:\n{hub.log('scheduler-1')}")


def wait_for_queue_to_drain(timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists():
            return
        time.sleep(0.5)
    raise AssertionError("the workers did not empty the queue")


def test_two_apps_two_workers_two_schedulers_share_one_queue_one_cache_and_one_limit(tmp_path, redis_url, inbox):
    assert connection.vendor == "postgresql"
    digest_members = prepare_rows()
    hub = Hub(tmp_path, redis_url, inbox.port)
    try:
        hub.start_app("app-1")
        hub.start_app("app-2")
        for name in ("worker-1", "worker-2"):
            hub.start(name, sys.executable, "manage.py", "run_worker", "--threads", "2", "--interval", "0.2")
        for name in ("scheduler-1", "scheduler-2"):
            hub.start(name, sys.executable, "manage.py", "run_scheduler")

        codes = wrong_passwords_across_both_apps(hub)
        signups = [
            Browser().post_form(
                hub.app_urls[number % 2],
                "/accounts/signup/",
                {
                    "email": f"new{number}@example.org",
                    "username": f"new{number}",
                    "password1": "listen-first-2026",
                    "password2": "listen-first-2026",
                },
            )[0]
            for number in range(4)
        ]
        wait_for_periods(3, hub)  # let the schedulers see a few periods of each job
        hub.stop("scheduler-1", "scheduler-2")
        wait_for_queue_to_drain()
    finally:
        hub.stop()

    # The log-in limit (5 failed attempts per account) held exactly across both app servers.
    assert sorted(codes) == [200] * 5 + [429] * (WRONG_PASSWORDS - 5), codes

    # Each periodic job was enqueued once per period, whatever the number of schedulers.
    for job, task in (
        ("send-digests", "hub.notifications.send_daily_digests"),
        ("tidy-task-records", "hub.housekeeping.tidy_task_records"),
    ):
        periods = list(ScheduledRun.objects.filter(job=job).values_list("period", flat=True))
        ran = DBTaskResult.objects.filter(task_path=task)
        assert len(periods) >= 3, (job, periods)
        assert ran.count() == len(periods) == len(set(periods)), (job, ran.count(), periods)
        assert set(ran.values_list("status", flat=True)) == {"SUCCESSFUL"}

    # Each email went out once: one digest per member (whatever the number of digest runs), one
    # confirmation per sign-up, and nothing else.
    assert signups == [302] * 4
    recipients = sorted(address for to, _ in inbox.messages for address in to)
    expected = sorted([member.email for member in digest_members] + [f"new{number}@example.org" for number in range(4)])
    assert recipients == expected, recipients
    assert PendingNotification.objects.filter(sent_at__isnull=True).count() == 0
    assert set(DBTaskResult.objects.filter(task_path="hub.mail.deliver_email").values_list("status", flat=True)) == {
        "SUCCESSFUL"
    }
