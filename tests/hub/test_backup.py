"""manage.py hub_backup and hub_restore (hub/backup.py): a backup of this test database and its
uploads restores into an empty database of the same engine, run by a second hub in its own
process, with the same rows per model and the same files; a database with accounts is refused
without --force; a damaged archive or a row that will not load changes nothing."""

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections
from wagtail.documents import get_document_model

from hub import backup, roles
from hub.models import User
from tests.factories import make_user
from tests.profiles.conftest import make_image
from tests.qa.conftest import make_answer, make_question
from tests.wiki.conftest import make_article

ROOT = Path(__file__).resolve().parents[2]


def _checksums(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def content(db, media):
    """Some of everything: accounts with a picture, a question and answer, a wiki page with its
    revision, an image and a document (files in the uploads folder)."""
    asker, helper = make_user("asker"), make_user("helper", role=roles.ORGANISER)
    helper.avatar.save("helper.png", ContentFile(b"\x89PNG not really a picture"))
    question = make_question(asker, title="Where do we meet?")
    question.tags.add("meetings")
    make_answer(question, helper, body="In the library, on Tuesdays.")
    make_article(helper, "Meeting places", body="Libraries, halls, cafés.")
    make_image("Hall")
    get_document_model().objects.create(
        title="Minutes", file=ContentFile(b"minutes of the meeting", name="minutes.txt")
    )
    return asker, helper


def _backup(tmp_path) -> Path:
    path = tmp_path / "hub.tar.gz"
    call_command("hub_backup", output=str(path), verbosity=0)
    return path


# --- In this process: the checks that come before anything is changed ---------------------------


def test_the_manifest_counts_every_row_and_lists_every_file(content, media, tmp_path):
    with tarfile.open(_backup(tmp_path)) as archive:
        manifest = json.load(archive.extractfile("manifest.json"))
    counts = {entry["model"]: entry["rows"] for entry in manifest["models"]}
    assert counts == backup.row_counts()
    assert counts["hub.user"] == User.objects.count() and counts["qa.answer"] == 1
    assert "contenttypes.contenttype" not in counts and "sessions.session" not in counts
    assert {item["path"]: item["sha256"] for item in manifest["media"]} == _checksums(media)
    assert any(path.startswith("avatars/") for path in _checksums(media))


def test_foreign_keys_to_content_types_are_written_by_name(content, tmp_path):
    with tarfile.open(_backup(tmp_path)) as archive:
        name = next(member for member in archive.getnames() if member.endswith("-wagtailcore.revision.jsonl"))
        first = json.loads(archive.extractfile(name).readline())
    assert first["fields"]["content_type"] == ["wiki", "articlepage"]


def test_a_database_with_accounts_is_refused_without_force(content, tmp_path):
    path = _backup(tmp_path)
    before = backup.row_counts()
    with pytest.raises(CommandError, match=r"The database is not empty \(\d+ accounts\)\. Nothing was changed"):
        call_command("hub_restore", str(path), verbosity=0)
    assert backup.row_counts() == before


def _rewrite(source: Path, target: Path, change) -> None:
    """Copy an archive, passing each member's name and bytes through `change` (which may alter them)."""
    with tarfile.open(source) as old, tarfile.open(target, "w:gz") as new:
        for member in old.getmembers():
            data = old.extractfile(member).read() if member.isfile() else None
            name, data = change(member.name, data)
            info = tarfile.TarInfo(name)
            info.type = member.type
            if data is not None:
                info.size = len(data)
            new.addfile(info, io.BytesIO(data) if data is not None else None)


def test_a_damaged_archive_changes_nothing_even_with_force(content, tmp_path):
    damaged = tmp_path / "damaged.tar.gz"
    _rewrite(_backup(tmp_path), damaged, lambda name, data: (name, data.replace(b"asker", b"askez") if data else data))
    before = backup.row_counts()
    with pytest.raises(CommandError, match="does not match its checksum: the backup is damaged. Nothing was changed"):
        call_command("hub_restore", str(damaged), "--force", verbosity=0)
    assert backup.row_counts() == before


def test_an_archive_that_writes_outside_its_folder_is_refused(content, tmp_path):
    hostile = tmp_path / "hostile.tar.gz"
    _rewrite(_backup(tmp_path), hostile, lambda name, data: (name.replace("media/", "../../", 1), data))
    with pytest.raises(CommandError, match="outside its folders"):
        call_command("hub_restore", str(hostile), "--force", verbosity=0)


def test_a_backup_never_overwrites_a_file(content, tmp_path):
    path = _backup(tmp_path)
    with pytest.raises(CommandError, match="exists already"):
        call_command("hub_backup", output=str(path), verbosity=0)


# --- A second hub, in its own process, on an empty database of the same engine -----------------


def _empty_database(tmp_path, engine: str) -> tuple[str, callable]:
    """A DATABASE_URL for an empty database of `engine` ("sqlite" or "postgresql"), and how to drop it.
    A PostgreSQL one is made beside the test database, on the same server."""
    config = connections["default"].settings_dict
    if engine == "sqlite":
        return f"sqlite:///{tmp_path / 'restored.sqlite3'}", lambda: None
    name = f"{config['NAME']}_restored"[:60]
    server = f"host={config['HOST']} port={config['PORT'] or 5432} user={config['USER']} dbname=postgres"
    if config.get("PASSWORD"):
        server += f" password={config['PASSWORD']}"

    def run(sql: str) -> None:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(sql)

    run(f'DROP DATABASE IF EXISTS "{name}"')
    run(f'CREATE DATABASE "{name}"')
    url = f"postgres://{config['USER']}@{config['HOST']}:{config['PORT'] or 5432}/{name}"
    return url, lambda: run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class SecondHub:
    def __init__(self, database_url: str, media_root: Path):
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.hub.backup_settings",
            "DATABASE_URL": database_url,
            "HUB_TEST_MEDIA_ROOT": str(media_root),
        }

    def manage(self, *arguments: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "manage.py", *arguments]
        return subprocess.run(command, cwd=ROOT, env=self.env, capture_output=True, text=True, check=False)

    def row_counts(self) -> dict[str, int]:
        code = "import django, json; django.setup(); from hub import backup; print(json.dumps(backup.row_counts()))"
        result = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, env=self.env, capture_output=True, text=True, check=True
        )
        return json.loads(result.stdout)


@pytest.mark.parametrize("target", ["same engine", "sqlite"])
def test_a_backup_restores_into_an_empty_database_with_the_same_rows_and_files(content, media, tmp_path, target):
    """Into the test database's engine; in the PostgreSQL pass also into SQLite (another engine)."""
    vendor = connections["default"].vendor
    if target == "sqlite" and vendor == "sqlite":
        pytest.skip("The test database is SQLite: the 'same engine' case restores into SQLite already.")
    archive = _backup(tmp_path)
    expected_rows, expected_files = backup.row_counts(), _checksums(media)
    database_url, drop = _empty_database(tmp_path, vendor if target == "same engine" else "sqlite")
    hub = SecondHub(database_url, tmp_path / "restored-media")
    try:
        restored = hub.manage("hub_restore", str(archive))
        assert restored.returncode == 0, restored.stdout + restored.stderr
        assert "Creating the tables (migrate)..." in restored.stdout and "  qa.answer: 1 rows" in restored.stdout
        assert hub.row_counts() == expected_rows
        assert _checksums(tmp_path / "restored-media") == expected_files

        again = hub.manage("hub_restore", str(archive))
        assert again.returncode == 1 and "add --force" in again.stderr

        # A row that cannot load (two accounts with one username), with checksums that match: the
        # load stops, names the row, and the restored hub keeps every row it had.
        def duplicate_first_user(name, data):
            if data and name.endswith("-hub.user.jsonl"):
                lines = data.splitlines()
                first, second = json.loads(lines[0]), json.loads(lines[1])
                second["fields"]["username"] = first["fields"]["username"]
                data = b"\n".join([lines[0], json.dumps(second).encode(), *lines[2:]]) + b"\n"
            return name, data

        broken = tmp_path / "broken.tar.gz"
        _rewrite(archive, broken, duplicate_first_user)
        _refresh_checksums(broken)
        refused = hub.manage("hub_restore", str(broken), "--force")
        assert refused.returncode == 1
        assert "Loading stopped (hub.user, row 2" in refused.stderr and "Nothing was loaded" in refused.stderr
        assert hub.row_counts() == expected_rows

        # --force replaces a hub's content: the restored hub gets a new account, then the backup again.
        hub.manage("shell", "-c", "from hub.models import User; User.objects.create(username='newcomer')")
        assert hub.row_counts()["hub.user"] == expected_rows["hub.user"] + 1
        forced = hub.manage("hub_restore", str(archive), "--force")
        assert forced.returncode == 0, forced.stdout + forced.stderr
        assert hub.row_counts() == expected_rows
    finally:
        drop()


def _refresh_checksums(path: Path) -> None:
    """Give an altered archive a manifest whose checksums match its altered files."""
    with tarfile.open(path) as archive:
        files = {member.name: archive.extractfile(member).read() for member in archive.getmembers() if member.isfile()}
    manifest = json.loads(files["manifest.json"])
    for entry in manifest["models"]:
        entry["sha256"] = hashlib.sha256(files[entry["file"]]).hexdigest()
    files["manifest.json"] = json.dumps(manifest).encode()
    with tarfile.open(path, "w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
