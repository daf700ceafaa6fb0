"""Back up and restore a whole site: the database and both media storages, with a manifest.

A backup is one directory:

    manifest.json       what is in it: files with sizes and SHA-256, the database
                        engine, the Warta version, the applied migrations, the time
    database.sqlite3    SQLite, copied with the online backup API (consistent while
                        the site keeps writing), or
    database.dump       PostgreSQL, `pg_dump --format=custom`
    media/default/...   public media (renditions, video outputs, captions)
    media/private/...   private storage (photo originals, video sources)

The storages are walked and written through Django's storage API, so the same
command backs up a local folder or an S3 bucket.

Restoring checks everything before it changes anything: the manifest must be
one of ours, every file must be there with its size and checksum, the engine
must match the target, and the backup must not hold migrations this code does
not know. Then the database is restored in one step (SQLite: a verified copy
moved into place; PostgreSQL: `pg_restore --single-transaction --exit-on-error`
into an empty database), then the media are copied and each file is read back
and checked against the manifest. A non-empty target database or storage is
refused unless `force` is given.
"""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from importlib import metadata
from pathlib import Path, PurePosixPath

from django.core.files.base import File
from django.core.files.storage import storages
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

FORMAT = "warta-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
STORAGE_ALIASES = ("default", "private")
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """Something an operator must fix; the message says what."""


def sha256_of(handle):
    digest = hashlib.sha256()
    size = 0
    while chunk := handle.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def file_entry(path, name):
    with open(path, "rb") as handle:
        digest, size = sha256_of(handle)
    return {"name": name, "size": size, "sha256": digest}


def engine_of(settings_dict):
    engine = settings_dict["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise BackupError(f"Unsupported database engine {engine!r}: only SQLite and PostgreSQL.")


def warta_version():
    try:
        return metadata.version("warta")
    except metadata.PackageNotFoundError:
        return "unknown"


def applied_migrations(connection):
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return []
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


# PostgreSQL: the client tools get the connection from the environment, never argv
# (a password on the command line is visible to every user of the machine).


def pg_environment(settings_dict):
    environment = {**os.environ}
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if settings_dict.get(key):
            environment[variable] = str(settings_dict[key])
    return environment


def run_pg_tool(command, settings_dict):
    try:
        done = subprocess.run(
            command, env=pg_environment(settings_dict), capture_output=True, text=True
        )
    except FileNotFoundError as error:
        raise BackupError(f"{command[0]} is not installed (PostgreSQL client tools).") from error
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[-2000:]}")
    return done


# Backing up


def backup_database(connection, folder):
    engine = engine_of(connection.settings_dict)
    target = folder / DATABASE_FILES[engine]
    if engine == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            # The online backup API: a consistent copy while other writers go on.
            connection.connection.backup(copy)
        copy.close()
    else:
        run_pg_tool(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(target)],
            connection.settings_dict,
        )
    return {"engine": engine, **file_entry(target, target.name)}


def walk(storage, folder=""):
    """Every file name in `storage` below `folder`, sorted."""
    try:
        directories, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [str(PurePosixPath(folder, name)) if folder else name for name in files]
    for directory in directories:
        names += walk(storage, str(PurePosixPath(folder, directory)) if folder else directory)
    return sorted(names)


def backup_storage(alias, folder):
    storage = storages[alias]
    entries = []
    for name in walk(storage):
        target = folder / "media" / alias / name
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        with storage.open(name, "rb") as source, open(target, "wb") as copy:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                copy.write(chunk)
        entries.append({"name": name, "size": size, "sha256": digest.hexdigest()})
    return entries


def make_backup(destination, *, using="default", now=None):
    """Write a backup directory under `destination`; returns its path."""
    now = now or datetime.datetime.now(datetime.UTC)
    destination = Path(destination)
    folder = destination / f"warta-backup-{now:%Y%m%dT%H%M%SZ}"
    if folder.exists():
        raise BackupError(f"{folder} already exists.")
    # Written beside the final name and renamed at the end: a backup that
    # stopped half-way never looks like a finished one.
    partial = destination / f".{folder.name}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    connection = connections[using]
    try:
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": now.isoformat(),
            "warta_version": warta_version(),
            "migrations": applied_migrations(connection),
            "database": backup_database(connection, partial),
            "media": {alias: backup_storage(alias, partial) for alias in STORAGE_ALIASES},
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
        partial.rename(folder)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return folder


# Restoring


def read_manifest(folder):
    folder = Path(folder)
    if not folder.is_dir():
        raise BackupError(f"{folder} is not a backup directory.")
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except FileNotFoundError as error:
        raise BackupError(f"No {MANIFEST} in {folder}: not a Warta backup.") from error
    except (ValueError, UnicodeDecodeError) as error:
        raise BackupError(f"{MANIFEST} in {folder} is not valid JSON: {error}") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{MANIFEST} in {folder} is not a Warta backup manifest.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"Backup format version {manifest.get('format_version')!r} is not supported "
            f"(this code reads version {FORMAT_VERSION})."
        )
    try:
        database = manifest["database"]
        entries = [database] + [
            entry for alias in STORAGE_ALIASES for entry in manifest["media"][alias]
        ]
        for entry in entries:
            if not (
                isinstance(entry["name"], str)
                and isinstance(entry["size"], int)
                and isinstance(entry["sha256"], str)
            ):
                raise TypeError(entry)
            unsafe_name(entry["name"])
        if database["engine"] not in DATABASE_FILES or not isinstance(manifest["migrations"], list):
            raise TypeError(database)
    except (KeyError, TypeError) as error:
        raise BackupError(f"{MANIFEST} in {folder} is incomplete or malformed.") from error
    return manifest


def unsafe_name(name):
    path = PurePosixPath(name)
    if not name or path.is_absolute() or ".." in path.parts or "\\" in name:
        raise BackupError(f"Refusing a file name that leaves the backup: {name!r}.")


def verify_files(folder, manifest):
    """Every file the manifest lists is there, with its size and checksum."""
    problems = []
    database = manifest["database"]
    listed = [(folder / database["name"], database)] + [
        (folder / "media" / alias / entry["name"], entry)
        for alias in STORAGE_ALIASES
        for entry in manifest["media"][alias]
    ]
    for path, entry in listed:
        if not path.is_file():
            problems.append(f"missing: {path.relative_to(folder)}")
            continue
        with open(path, "rb") as handle:
            digest, size = sha256_of(handle)
        if size != entry["size"] or digest != entry["sha256"]:
            problems.append(f"size or checksum differs: {path.relative_to(folder)}")
    if problems:
        shown = "; ".join(problems[:10])
        more = f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""
        raise BackupError(f"The backup is damaged, nothing was restored: {shown}{more}.")


def check_migrations(manifest):
    known = {f"{app}.{name}" for app, name in MigrationLoader(None).disk_migrations}
    unknown = sorted(set(manifest["migrations"]) - known)
    if unknown:
        shown = ", ".join(unknown[:10])
        raise BackupError(
            "The backup was made by newer code: it has migrations this code does not know "
            f"({shown}). Restore it with the Warta version that made it "
            f"({manifest.get('warta_version', 'unknown')})."
        )


def database_is_empty(connection, engine):
    if engine == "sqlite":
        target = str(connection.settings_dict["NAME"])
        if not Path(target).exists() or not Path(target).stat().st_size:
            return True
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def restore_sqlite(folder, manifest, settings_dict):
    target = Path(settings_dict["NAME"])
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, staged = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(handle)
    try:
        shutil.copyfile(folder / manifest["database"]["name"], staged)
        check = sqlite3.connect(staged)
        try:
            result = check.execute("PRAGMA integrity_check").fetchone()[0]
        except sqlite3.DatabaseError as error:
            raise BackupError(f"The database file is not a usable SQLite file: {error}") from error
        finally:
            check.close()
        if result != "ok":
            raise BackupError(f"The database file fails SQLite's integrity check: {result}")
        # Stale journal files would be replayed into the restored database.
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        os.replace(staged, target)
    finally:
        Path(staged).unlink(missing_ok=True)


def restore_postgresql(folder, manifest, connection, force):
    connection.close()
    command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error"]
    command += ["--single-transaction", "--dbname", connection.settings_dict["NAME"]]
    if force:
        command += ["--clean", "--if-exists"]
    run_pg_tool([*command, str(folder / manifest["database"]["name"])], connection.settings_dict)


def storage_is_empty(storage):
    try:
        directories, files = storage.listdir("")
    except FileNotFoundError:
        return True
    return not files and all(not walk(storage, directory) for directory in directories)


def restore_storage(alias, folder, entries):
    storage = storages[alias]
    for entry in entries:
        name = entry["name"]
        if storage.exists(name):
            storage.delete(name)
        with open(folder / "media" / alias / name, "rb") as source:
            saved = storage.save(name, File(source, name=name))
        if saved != name:
            raise BackupError(f"Storage {alias!r} saved {name!r} as {saved!r}.")
        with storage.open(name, "rb") as written:
            digest, size = sha256_of(written)
        if size != entry["size"] or digest != entry["sha256"]:
            raise BackupError(f"{alias}:{name} reads back differently from the backup.")


def connection_for_url(url):
    """A connection to the database at `url`, outside the site's configured ones."""
    import dj_database_url
    from django.db.utils import load_backend

    try:
        settings_dict = dj_database_url.parse(url)
    except ValueError as error:
        raise BackupError(f"Not a usable database URL: {error}") from error
    configured = connections.configure_settings(
        {"default": connections.settings["default"], "restore_target": settings_dict}
    )["restore_target"]
    return load_backend(configured["ENGINE"]).DatabaseWrapper(configured, "restore_target")


def restore_backup(folder, *, connection=None, force=False):
    """Restore `folder` (made by `make_backup`) into `connection` (the site's) and the storages."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    connection = connection or connections["default"]
    engine = engine_of(connection.settings_dict)
    if manifest["database"]["engine"] != engine:
        raise BackupError(
            f"The backup holds a {manifest['database']['engine']} database; "
            f"this site uses {engine}. Nothing was restored."
        )
    expected_name = DATABASE_FILES[engine]
    if manifest["database"]["name"] != expected_name:
        raise BackupError(f"{MANIFEST} names the database file {manifest['database']['name']!r}.")
    target = str(connection.settings_dict["NAME"])
    if engine == "sqlite" and (target == ":memory:" or "mode=memory" in target):
        raise BackupError("Cannot restore into an in-memory SQLite database.")
    check_migrations(manifest)
    verify_files(folder, manifest)
    if not force:
        if not database_is_empty(connection, engine):
            raise BackupError(
                f"Database {connection.settings_dict['NAME']!s} is not empty; restore into a new "
                "empty database, or use --force to replace what it holds."
            )
        for alias in STORAGE_ALIASES:
            if manifest["media"][alias] and not storage_is_empty(storages[alias]):
                raise BackupError(
                    f"Storage {alias!r} already holds files; restore into empty storage, "
                    "or use --force to overwrite the files the backup holds."
                )

    if engine == "sqlite":
        connection.close()
        restore_sqlite(folder, manifest, connection.settings_dict)
    else:
        restore_postgresql(folder, manifest, connection, force)
    for alias in STORAGE_ALIASES:
        restore_storage(alias, folder, manifest["media"][alias])
    return manifest
