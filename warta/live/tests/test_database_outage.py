"""The database blips under the site: readers get the page (retried) or a 503, never a 500.

PostgreSQL: the test's own server connections are ended with
`pg_terminate_backend` before reads, as a failover or a pooler restart would.
SQLite: another connection holds the write lock, as the task worker would.
Both need committed data (the test's transaction would die with its
connection), hence `committed_db` from tests/server.py.
"""

import sqlite3
import time

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from warta.articles.factories import make_article, make_section, make_site
from warta.core.outage import is_database_outage
from warta.live.factories import make_coverage, make_topic, make_update
from warta.live.tests.server import committed_db, restore_migration_data  # noqa: F401
from warta.people.factories import make_user
from warta.people.roles import EDITOR

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="pg_terminate_backend is PostgreSQL's; run with DATABASE_URL=postgres://…",
)
sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the write lock and busy timeout are SQLite's"
)


@pytest.fixture
def newsroom(committed_db):  # noqa: F811
    site = make_site()
    section = make_section(site, "Bali", "bali")
    article = make_article(section, title="Banjir di Denpasar")
    coverage = make_coverage(make_topic(site))
    make_update(coverage, "Air mulai surut.")
    return site, [
        "/",
        article.url,
        coverage.page.url,
        reverse("live:updates_json", args=[coverage.pk]),
        reverse("maps:points"),
    ]


def terminate_our_connections():
    """End every other session on the test database: this thread's Django connection among them."""
    import psycopg

    settings = connection.settings_dict
    with psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        autocommit=True,
    ) as side:
        killed = side.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchone()[0]
    return killed


@postgresql_only
def test_reads_survive_dropped_postgresql_connections(newsroom):
    site, reads = newsroom
    client = Client(raise_request_exception=False)
    for path in reads:  # the connection is open and reused, as with CONN_MAX_AGE
        assert client.get(path, HTTP_HOST=site.hostname).status_code == 200
    statuses = []
    killed = 0
    for i in range(50):
        killed += terminate_our_connections()
        time.sleep(0.01)
        statuses.append(client.get(reads[i % len(reads)], HTTP_HOST=site.hostname).status_code)
    # Retried once on a fresh connection: readers never see the blip.
    assert statuses == [200] * 50
    assert killed >= 50, "each read met a connection the server had dropped"


@postgresql_only
def test_a_write_that_meets_a_dropped_connection_is_a_503_with_retry_after(newsroom):
    editor = make_user("redaktur", EDITOR)
    editor.set_password("kata-sandi-panjang")
    editor.save()
    client = Client(raise_request_exception=False)
    assert client.get(reverse("wagtailadmin_login")).status_code == 200
    terminate_our_connections()
    time.sleep(0.01)
    response = client.post(
        reverse("wagtailadmin_login"), {"username": "redaktur", "password": "kata-sandi-panjang"}
    )
    # Not retried (a POST may have done half its work): answered 503, in Indonesian.
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "Sebentar tidak tersedia" in response.content.decode()
    # And the next request finds a working connection.
    assert client.get(reverse("wagtailadmin_login")).status_code == 200


@sqlite_only
def test_a_write_blocked_by_a_held_sqlite_lock_is_a_503_not_a_500_or_a_hang(newsroom):
    editor = make_user("redaktur", EDITOR)
    editor.set_password("kata-sandi-panjang")
    editor.save()
    client = Client(raise_request_exception=False)
    name = connection.settings_dict["NAME"]
    holder = sqlite3.connect(name, uri=str(name).startswith("file:"), isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # the worker's write transaction, never ending
        started = time.monotonic()
        response = client.post(
            reverse("wagtailadmin_login"),
            {"username": "redaktur", "password": "kata-sandi-panjang"},
        )
        elapsed = time.monotonic() - started
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert response.status_code == 503
    assert "Sebentar tidak tersedia" in response.content.decode()
    assert response["Retry-After"]
    # Bounded by the busy timeout (10 s by default), never an endless wait.
    assert elapsed < connection.settings_dict["OPTIONS"]["timeout"] + 5
    # Once the lock is free the same login works.
    response = client.post(
        reverse("wagtailadmin_login"), {"username": "redaktur", "password": "kata-sandi-panjang"}
    )
    assert response.status_code == 302


def test_only_outages_count_as_outages_not_sqlite_bugs():
    def wrapped(message):
        error = OperationalError(message)
        error.__cause__ = sqlite3.OperationalError(message)
        return error

    assert is_database_outage(wrapped("database is locked"))
    assert is_database_outage(wrapped("database table is locked"))
    assert not is_database_outage(wrapped("no such column: body"))
    assert not is_database_outage(ValueError("database is locked"))


def test_a_sqlite_writer_waits_for_the_lock_up_to_the_busy_timeout_then_gives_up(
    tmp_path, django_db_blocker
):
    """On a database file, as deployed (WAL, IMMEDIATE): the writer waits, boundedly."""
    from django.conf import settings
    from django.db.backends.sqlite3.base import DatabaseWrapper

    path = tmp_path / "busy.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode=WAL")
    holder.execute("CREATE TABLE note (text TEXT)")
    options = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 1,
    }
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        # The project's own options, with a short timeout to keep the test quick.
        options = {**settings.DATABASES["default"]["OPTIONS"], "timeout": 1}
    writer = DatabaseWrapper(
        {
            **connection.settings_dict,
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(path),
            "OPTIONS": options,
            "TEST": {},
        },
        alias="busy-test",
    )
    try:
        django_db_blocker.unblock()  # not the test database: a file of this test's own
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("INSERT INTO note VALUES ('worker')")
        started = time.monotonic()
        with pytest.raises(OperationalError) as raised, writer.cursor() as cursor:
            cursor.execute("INSERT INTO note VALUES ('editor')")
        waited = time.monotonic() - started
        assert 0.8 < waited < 3, "waited for the other writer, then gave up"
        assert is_database_outage(raised.value)
        holder.execute("COMMIT")
        with writer.cursor() as cursor:  # the lock is free: the write goes through
            cursor.execute("INSERT INTO note VALUES ('editor')")
    finally:
        writer.close()
        django_db_blocker.restore()
        holder.close()
    assert sqlite3.connect(path).execute("SELECT count(*) FROM note").fetchone()[0] == 2
