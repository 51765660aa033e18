"""A complete backup of a hub, and its restore into an empty database of the same or another engine.

The archive (`.tar.gz`) holds `manifest.json`, one JSON-lines file per model under `data/` and every
uploaded file under `media/`. The manifest lists, for each model, its file, row count and SHA-256,
for each uploaded file its size and SHA-256, and the migrations the data was written under.

- Foreign keys to content types and permissions are written by natural key (app label and model
  name), so the data loads into a database whose content types have other ids (another engine, a
  fresh migrate). Every other row keeps its primary key.
- Content types, permissions and sessions are not in the archive: `migrate` makes the first two,
  and restored members simply sign in again. The search indexes are derived data: the restore
  rebuilds them.
- The restore checks every checksum before it changes anything, refuses a database that has
  accounts in it unless forced, then empties it and loads everything in one transaction: it either
  restores all the rows or none.

See docs/adr/0057 and docs/deploy.md ("Backups").
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import django
import wagtail
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = "co-knowledge-hub backup, version 1"
# Made again by `migrate` (content types, permissions), not worth keeping (sessions), or derived
# from the content and rebuilt after a restore (search indexes).
EXCLUDED = {
    "contenttypes.contenttype": "made by migrate",
    "auth.permission": "made by migrate",
    "sessions.session": "members sign in again",
    "search.indexentry": "rebuilt by search_reindex",
    "search.searchterm": "rebuilt by search_reindex",
    "wagtailsearch.indexentry": "rebuilt by wagtail_update_index",
    "wagtailsearch.sqliteftsindexentry": "rebuilt by wagtail_update_index",
}
REBUILD_COMMANDS = [("search_reindex", "the hub's search index"), ("wagtail_update_index", "the admin's search")]
CHUNK = 1024 * 1024
Progress = Callable[[str], None]


class BackupError(Exception):
    """A backup or restore that cannot go on. The message says what happened and what to do next."""


class LoadError(Exception):
    """A row that would not load, named by model and row number."""


def _quiet(message: str) -> None:
    pass


# --- Backup ------------------------------------------------------------------------------------


def backed_up_models() -> list:
    """Every model with its own table, in an order where natural-key targets come first."""
    app_list = [
        (config, [model for model in config.get_models() if _kept(model)])
        for config in apps.get_app_configs()
        if config.models_module is not None
    ]
    return serializers.sort_dependencies(app_list, allow_cycles=True)


def _kept(model) -> bool:
    options = model._meta
    return options.managed and not options.proxy and options.label_lower not in EXCLUDED


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def applied_migrations(using: str = DEFAULT_DB_ALIAS) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app_label, name in sorted(MigrationRecorder(connections[using]).applied_migrations()):
        applied.setdefault(app_label, []).append(name)
    return applied


def _media_root() -> Path | None:
    """The uploads folder, when uploads are files on this machine (an object store has its own backups)."""
    return Path(default_storage.location) if isinstance(default_storage, FileSystemStorage) else None


def media_files(root: Path | None) -> Iterator[Path]:
    if root is None or not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path


@dataclass
class BackupResult:
    path: Path
    rows: int
    tables: int
    files: int


@contextmanager
def _snapshot(using: str):
    """One consistent view of the database for the whole dump (PostgreSQL: a read-only snapshot;
    SQLite: one transaction, during which other writers wait)."""
    connection = connections[using]
    outermost = not connection.in_atomic_block  # a transaction already begun keeps its own isolation
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def _dump_models(folder: Path, using: str, progress: Progress) -> list[dict]:
    entries = []
    models = backed_up_models()
    for number, model in enumerate(models, start=1):
        label = model._meta.label_lower
        name = f"data/{number:03d}-{label}.jsonl"
        queryset = model._base_manager.using(using).order_by(model._meta.pk.attname)
        rows = queryset.count()
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as handle:
            serializers.serialize(
                "jsonl", queryset.iterator(chunk_size=2000), stream=handle, use_natural_foreign_keys=True
            )
        entries.append({"model": label, "file": name, "rows": rows, "sha256": _sha256(path)})
        if rows:
            progress(f"  {label}: {rows} rows")
    return entries


def make_backup(output: Path, using: str = DEFAULT_DB_ALIAS, progress: Progress = _quiet) -> BackupResult:
    """Write the archive to `output` (a new file; the folder must exist)."""
    if output.exists():
        raise BackupError(f"{output} exists already. Choose another name, or move the old backup away first.")
    if not output.parent.is_dir():
        raise BackupError(f"The folder {output.parent} does not exist. Create it, or choose another --output.")
    media_root = _media_root()
    with tempfile.TemporaryDirectory(prefix="hub-backup-") as scratch:
        folder = Path(scratch)
        progress("Writing the database's rows...")
        with _snapshot(using):
            models = _dump_models(folder, using, progress)
            migrations = applied_migrations(using)
        progress("Listing the uploaded files...")
        media = [
            {"path": path.relative_to(media_root).as_posix(), "size": path.stat().st_size, "sha256": _sha256(path)}
            for path in media_files(media_root)
        ]
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "engine": connections[using].vendor,
            "versions": {"django": django.get_version(), "wagtail": wagtail.__version__},
            "migrations": migrations,
            "excluded": EXCLUDED,
            "models": models,
            "media": media,
            "media_note": ""
            if media_root
            else "Uploads are not files on this machine: back up their store separately.",
        }
        (folder / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        progress(f"Packing {len(models)} tables and {len(media)} files into {output}...")
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(folder / "manifest.json", arcname="manifest.json")
            archive.add(folder / "data", arcname="data")
            for item in media:
                archive.add(media_root / item["path"], arcname=f"media/{item['path']}")
        partial.replace(output)  # a backup that stopped half-way never looks like a finished one
    return BackupResult(output, sum(entry["rows"] for entry in models), len(models), len(media))


# --- Restore -----------------------------------------------------------------------------------


@dataclass
class RestoreResult:
    rows: int
    tables: int
    files: int
    warnings: list[str]


def database_is_empty(using: str = DEFAULT_DB_ALIAS) -> tuple[bool, str]:
    """(empty?, what is in it). A database with no tables, or with tables but no account, is empty."""
    connection = connections[using]
    user_model = get_user_model()
    if user_model._meta.db_table not in connection.introspection.table_names():
        return True, "no tables"
    accounts = user_model._base_manager.using(using).count()
    return accounts == 0, f"{accounts} accounts"


def _safe_member(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts


def unpack(archive_path: Path, folder: Path, progress: Progress = _quiet) -> dict:
    """Unpack into `folder` and check the manifest and every checksum. Nothing else is touched."""
    if not archive_path.is_file():
        raise BackupError(f"There is no backup at {archive_path}. Check the path.")
    progress(f"Unpacking {archive_path} and checking every checksum...")
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            unsafe = [member.name for member in archive.getmembers() if not _safe_member(member.name)]
            if unsafe:
                raise BackupError(
                    f"The archive names a file outside its folders ({unsafe[0]}): it is not a hub backup."
                )
            archive.extractall(folder, filter="data")
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(f"The archive cannot be read ({error}). Use another copy of the backup.") from error
    manifest_path = folder / "manifest.json"
    if not manifest_path.is_file():
        raise BackupError("The archive has no manifest.json: it is not a backup made by hub_backup.")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        raise BackupError(f"The archive's format is {manifest.get('format')!r}; this hub reads {FORMAT!r}.")
    expected = [(entry["file"], entry["sha256"]) for entry in manifest["models"]]
    expected += [(f"media/{entry['path']}", entry["sha256"]) for entry in manifest["media"]]
    for name, checksum in expected:
        path = folder / name
        if not path.is_file() or _sha256(path) != checksum:
            raise BackupError(
                f"{name} is missing from the archive or does not match its checksum: the backup is damaged. "
                "Nothing was changed. Use another copy of the backup."
            )
    return manifest


def check_migrations(manifest: dict, using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Refuse data written under migrations this code does not have; warn about newer code."""
    loader_apps = {config.label for config in apps.get_app_configs()}
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = [
        f"{app}.{name}"
        for app, names in manifest["migrations"].items()
        for name in names
        if app in loader_apps and (app, name) not in known
    ]
    if unknown:
        raise BackupError(
            f"The backup was made by a newer version of the hub (it has migration {unknown[0]}, and "
            f"{len(unknown) - 1} more, that this code does not). Nothing was changed. Restore with the "
            "version of the code that made the backup, then upgrade."
        )
    in_backup = {(app, name) for app, names in manifest["migrations"].items() for name in names}
    newer = sorted(
        f"{app}.{name}" for app, name in known if app in manifest["migrations"] and (app, name) not in in_backup
    )
    if newer:
        return [
            f"This code has {len(newer)} migrations the backup was not made with (first: {newer[0]}). If loading "
            "fails, restore with the version of the code that made the backup, then upgrade."
        ]
    return []


def _load(folder: Path, manifest: dict, using: str, progress: Progress) -> int:
    """Empty every table and load every row, in one transaction: all the rows or none."""
    connection = connections[using]
    models = []
    total = 0
    with transaction.atomic(using=using):
        call_command("flush", interactive=False, database=using, verbosity=0)
        with connection.constraint_checks_disabled():
            deferred = []
            for entry in manifest["models"]:
                model = apps.get_model(entry["model"])
                models.append(model)
                with (folder / entry["file"]).open(encoding="utf-8") as handle:
                    items = serializers.deserialize("jsonl", handle, using=using, handle_forward_references=True)
                    for number, item in enumerate(items, start=1):
                        try:
                            item.save(using=using)
                        except Exception as error:
                            raise LoadError(f"{entry['model']}, row {number}: {error}") from error
                        if item.deferred_fields:
                            deferred.append(item)
                total += entry["rows"]
                if entry["rows"]:
                    progress(f"  {entry['model']}: {entry['rows']} rows")
            for item in deferred:
                item.save_deferred_fields(using=using)
        connection.check_constraints(table_names=[model._meta.db_table for model in models])
        statements = connection.ops.sequence_reset_sql(no_style(), models)
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    return total


def _restore_media(folder: Path, manifest: dict, progress: Progress) -> int:
    root = _media_root()
    if not manifest["media"]:
        return 0
    if root is None:
        raise BackupError(
            "The database was restored; the uploaded files were not, because uploads here go to an object "
            "store. Copy the archive's media/ folder into that store."
        )
    progress(f"Restoring {len(manifest['media'])} uploaded files into {root}...")
    for entry in manifest["media"]:
        target = root / entry["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(folder / "media" / entry["path"], target)
    return len(manifest["media"])


def _rebuild_indexes(progress: Progress) -> list[str]:
    warnings = []
    for command, what in REBUILD_COMMANDS:
        progress(f"Rebuilding {what} ({command})...")
        try:
            call_command(command, verbosity=0)
        except Exception as error:  # the rows are in; an index can be rebuilt later, so say how
            warnings.append(f"Rebuilding {what} failed ({error}). Run `manage.py {command}` when it is fixed.")
    return warnings


def restore(archive_path: Path, force: bool = False, using: str = DEFAULT_DB_ALIAS, progress: Progress = _quiet):
    with tempfile.TemporaryDirectory(prefix="hub-restore-") as scratch:
        folder = Path(scratch)
        manifest = unpack(archive_path, folder, progress)
        empty, contents = database_is_empty(using)
        if not empty and not force:
            raise BackupError(
                f"The database is not empty ({contents}). Nothing was changed. Restore into an empty database, "
                "or add --force to replace everything in this one with the backup."
            )
        warnings = check_migrations(manifest, using)
        progress("Creating the tables (migrate)...")
        call_command("migrate", interactive=False, database=using, verbosity=0)
        progress(f"Loading {sum(entry['rows'] for entry in manifest['models'])} rows...")
        try:
            rows = _load(folder, manifest, using, progress)
        except Exception as error:
            raise BackupError(
                f"Loading stopped ({error}). Nothing was loaded: the database's rows "
                "are as they were before. "
                + (
                    warnings[0]
                    if warnings
                    else "Check that the archive was made by this version of the hub, then run hub_restore again."
                )
            ) from error
        files = _restore_media(folder, manifest, progress)
        warnings += _rebuild_indexes(progress)
    return RestoreResult(rows, len(manifest["models"]), files, warnings)


def row_counts(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Rows per backed-up model, as the manifest counts them (for checks after a restore)."""
    return {model._meta.label_lower: model._base_manager.using(using).count() for model in backed_up_models()}
