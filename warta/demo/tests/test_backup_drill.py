"""The backup drill: back up a newsroom, restore it into a fresh database and storage, compare.

Runs on the suite's database: SQLite (restored into a temporary file) or
PostgreSQL with DATABASE_URL (restored into a throwaway `warta_backup_drill_*`
database, dropped afterwards). The content is committed (`committed_db`):
pg_dump reads it from another process.
"""

import contextlib
import hashlib
import json
import os
import shutil
from pathlib import Path

import dj_database_url
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.test import override_settings
from wagtail.models import Page, Revision

from warta.articles.factories import make_article, make_section, make_site
from warta.core.storage import private_storage
from warta.images.factories import make_image
from warta.images.models import WartaImage, WartaRendition
from warta.live.factories import make_coverage, make_topic, make_update
from warta.live.models import LiveEvent, LiveUpdate
from warta.live.tests.server import committed_db, restore_migration_data  # noqa: F401
from warta.video.models import Video

pytestmark = pytest.mark.django_db
RESTORED = "restored"


@pytest.fixture
def newsroom(committed_db):  # noqa: F811
    """Just enough of each kind: pages with revisions, live events, a photo, a video."""
    site = make_site()
    section = make_section(site, "Bali", "bali")
    article = make_article(section, title="Banjir di Denpasar")
    article.title = "Banjir di Denpasar meluas"
    article.save_revision()  # a draft on top of the published version
    coverage = make_coverage(make_topic(site))
    make_update(coverage, "Air mulai surut.")
    make_update(coverage, "Jalan dibuka kembali.", headline="Jalan dibuka")
    image = make_image()
    image.get_rendition("width-120")
    video = Video(title="Banjir di Sentani", credit="Yosef/PosPapusa", state=Video.State.READY)
    video.source.save("clip.mp4", ContentFile(b"\x00\x00\x00\x18ftypmp42 source"), save=False)
    video.output_prefix = "video/1/abc/"
    video.playlist_name = "index.m3u8"
    video.save()
    default_storage.save("video/1/abc/index.m3u8", ContentFile(b"#EXTM3U\n"))
    default_storage.save("video/1/abc/poster.jpg", ContentFile(b"poster"))
    return site


@pytest.fixture
def backup_dir(newsroom, tmp_path):
    call_command("backup", str(tmp_path / "backups"))
    [folder] = (tmp_path / "backups").iterdir()
    return folder


@pytest.fixture(scope="module")
def small_backup(django_db_setup, django_db_blocker, tmp_path_factory):
    """A backup of the migrated database and two files, for the checks that refuse one.

    Made once, outside any test's transaction (a backup waits for the write
    lock a test transaction holds on SQLite); the tests only read it.
    """
    root = tmp_path_factory.mktemp("small-backup")
    media = {"MEDIA_ROOT": root / "media", "WARTA_PRIVATE_MEDIA_ROOT": root / "private-media"}
    with override_settings(**media), django_db_blocker.unblock():
        private_storage().save("original_images/foto.jpg", ContentFile(b"\xff\xd8 original"))
        default_storage.save("images/foto.width-120.jpg", ContentFile(b"\xff\xd8 rendition"))
        call_command("backup", str(root / "backups"))
    [folder] = (root / "backups").iterdir()
    return folder


@pytest.fixture
def fresh_database(tmp_path):
    """A URL for an empty database of the suite's engine, and its removal after."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg

    settings = connection.settings_dict
    name = f"warta_backup_drill_{os.getpid()}"
    server = {
        "user": settings["USER"],
        "password": settings["PASSWORD"] or None,
        "host": settings["HOST"] or None,
        "port": settings["PORT"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    yield (
        f"postgres://{settings['USER']}{password}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{name}"
    )
    if RESTORED in connections.settings:
        connections[RESTORED].close()
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def fresh_media(settings, tmp_path):
    """Point both storages at new, empty folders (what the restore writes into)."""
    settings.MEDIA_ROOT = tmp_path / "fresh" / "media"
    settings.WARTA_PRIVATE_MEDIA_ROOT = tmp_path / "fresh" / "private-media"
    return tmp_path / "fresh"


@contextlib.contextmanager
def restored_database(fresh_database):
    """The restored database as the `restored` connection alias."""
    configured = connections.configure_settings(
        {
            "default": connections.settings["default"],
            RESTORED: dj_database_url.parse(fresh_database),
        }
    )
    connections.settings[RESTORED] = configured[RESTORED]
    # Connected here, not on first use: Django's test case refuses to open a
    # connection to an alias the test did not declare, but uses an open one.
    connections[RESTORED].connect()
    yield RESTORED
    connections[RESTORED].close()
    del connections[RESTORED]
    del connections.settings[RESTORED]


def checksums(root):
    root = Path(root)
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def rows(queryset, *fields):
    return list(queryset.order_by("pk").values_list(*fields))


def snapshot(using):
    return {
        "pages": rows(Page.objects.using(using), "pk", "path", "title", "live", "latest_revision"),
        "revisions": rows(Revision.objects.using(using), "pk", "object_id", "content"),
        "updates": rows(LiveUpdate.objects.using(using), "pk", "headline", "body", "approved"),
        "events": rows(LiveEvent.objects.using(using), "pk", "kind", "update_id", "data"),
        "images": rows(WartaImage.objects.using(using), "pk", "file", "file_hash", "width"),
        "renditions": rows(WartaRendition.objects.using(using), "pk", "image", "file"),
        "videos": rows(Video.objects.using(using), "pk", "source", "output_prefix", "state"),
    }


def test_a_backup_restores_into_a_fresh_database_and_storage(
    backup_dir, fresh_database, fresh_media, settings, tmp_path
):
    source_media = {"default": tmp_path / "media", "private": tmp_path / "private-media"}
    before = snapshot("default")
    media_before = {alias: checksums(root) for alias, root in source_media.items()}
    image = WartaImage.objects.get()
    assert media_before["private"][image.file.name]  # the original is in private storage
    assert {name for name in media_before["default"] if name.startswith("video/")} == {
        "video/1/abc/index.m3u8",
        "video/1/abc/poster.jpg",
    }
    assert len(before["revisions"]) >= 6 and len(before["events"]) == 2

    manifest = json.loads((backup_dir / "manifest.json").read_text())
    assert (
        manifest["database"]["engine"]
        == {"sqlite": "sqlite", "postgresql": "postgresql"}[connection.vendor]
    )
    assert "live.0002_update_video_block" in manifest["migrations"]
    assert {entry["name"] for entry in manifest["media"]["private"]} == set(media_before["private"])

    call_command("restore", str(backup_dir), database_url=fresh_database)

    with restored_database(fresh_database) as restored:
        assert snapshot(restored) == before
    assert checksums(fresh_media / "media") == media_before["default"]
    assert checksums(fresh_media / "private-media") == media_before["private"]
    original = Path(settings.WARTA_PRIVATE_MEDIA_ROOT) / image.file.name
    assert (
        hashlib.sha256(original.read_bytes()).hexdigest()
        == media_before["private"][image.file.name]
    )


def test_restore_refuses_what_is_not_empty_unless_forced(backup_dir, fresh_database, fresh_media):
    call_command("restore", str(backup_dir), database_url=fresh_database)
    with pytest.raises(CommandError, match="is not empty; restore into a new empty database"):
        call_command("restore", str(backup_dir), database_url=fresh_database)
    call_command("restore", str(backup_dir), database_url=fresh_database, force=True)
    with restored_database(fresh_database) as restored:
        assert snapshot(restored) == snapshot("default")


def test_restore_refuses_media_storage_that_is_not_empty(small_backup, fresh_database, fresh_media):
    (fresh_media / "media").mkdir(parents=True)
    (fresh_media / "media" / "stray.txt").write_text("left by hand")
    with pytest.raises(CommandError, match="Storage 'default' already holds files"):
        call_command("restore", str(small_backup), database_url=fresh_database)
    if connection.vendor == "sqlite":
        assert not Path(dj_database_url.parse(fresh_database)["NAME"]).exists()


def test_restore_refuses_the_running_sites_database(small_backup):
    # The suite's own database: in memory on SQLite, full of migrations' rows on PostgreSQL.
    expected = "in-memory SQLite" if connection.vendor == "sqlite" else "is not empty"
    with pytest.raises(CommandError, match=expected):
        call_command("restore", str(small_backup))


def corrupted(backup_dir, tmp_path, change):
    broken = tmp_path / "broken"
    shutil.copytree(backup_dir, broken)
    change(broken)
    return broken


def test_a_damaged_backup_restores_nothing(small_backup, tmp_path, fresh_database, fresh_media):
    manifest = json.loads((small_backup / "manifest.json").read_text())
    original = manifest["media"]["private"][0]["name"]

    def flip_a_byte(folder):
        path = folder / "media" / "private" / original
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0xFF
        path.write_bytes(bytes(data))

    broken = corrupted(small_backup, tmp_path, flip_a_byte)
    with pytest.raises(CommandError, match=f"damaged, nothing was restored: .*{original}"):
        call_command("restore", str(broken), database_url=fresh_database)
    assert not fresh_media.exists()
    if connection.vendor == "sqlite":
        assert not Path(dj_database_url.parse(fresh_database)["NAME"]).exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda folder: (folder / "manifest.json").write_text("{not json"), "not valid JSON"),
        (lambda folder: (folder / "manifest.json").unlink(), "not a Warta backup"),
        (
            lambda folder: (folder / "manifest.json").write_text('{"format": "other"}'),
            "not a Warta backup manifest",
        ),
        (lambda folder: edit_manifest(folder, engine="oracle"), "incomplete or malformed"),
        (lambda folder: edit_manifest(folder, name="../../etc/passwd"), "leaves the backup"),
        (lambda folder: edit_manifest(folder, migration="live.9999_future"), "newer code"),
    ],
)
def test_a_bad_manifest_is_refused_with_a_clear_message(
    small_backup, tmp_path, fresh_database, fresh_media, change, message
):
    broken = corrupted(small_backup, tmp_path, change)
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(broken), database_url=fresh_database)
    assert not fresh_media.exists()


def test_a_backup_of_the_other_engine_is_refused(small_backup, tmp_path, fresh_database):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    broken = corrupted(small_backup, tmp_path, lambda folder: edit_manifest(folder, engine=other))
    with pytest.raises(CommandError, match=f"holds a {other} database"):
        call_command("restore", str(broken), database_url=fresh_database)


def edit_manifest(folder, engine=None, name=None, migration=None):
    path = folder / "manifest.json"
    manifest = json.loads(path.read_text())
    if engine:
        manifest["database"]["engine"] = engine
    if name:
        manifest["media"]["default"][0]["name"] = name
    if migration:
        manifest["migrations"].append(migration)
    path.write_text(json.dumps(manifest))
