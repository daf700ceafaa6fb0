"""A real ASGI server for browser tests of the event stream.

A streaming response cannot go through `served_page` (Playwright's
route.fulfill needs the whole body), so these tests run the project's ASGI
server, uvicorn, in a thread on a free port of 8100-8199, against committed
test data. `committed_db` gives that data and puts the migration-made rows
(Wagtail's root page, the roles' groups, the workflow) back afterwards, so the
tests that follow see the database they expect, in any order.
"""

import asyncio
import socket
import threading
import time

import pytest
from asgiref.sync import sync_to_async
from django.db import connections

PORTS = range(8100, 8200)


def free_port():
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("No free port in 8100-8199 for the test server")


_snapshots = {}


@pytest.fixture
def restore_migration_data(django_db_setup, django_db_blocker):
    """Put back what the migrations made, after a transactional test flushed it.

    Django keeps that snapshot on the connection object, which async tests can
    replace with a fresh one; so it is taken here, while the database still
    holds the migrations' rows (before any of our data), and handed to the
    connection for pytest-django's flush. Set up before `transactional_db`,
    so torn down after its flush.
    """
    from wagtail.models import Page

    connection = connections["default"]
    with django_db_blocker.unblock():
        if "default" not in _snapshots and Page.objects.filter(depth=1).exists():
            _snapshots["default"] = connection.creation.serialize_db_to_string()
    connection._test_serialized_contents = _snapshots["default"]
    yield
    with django_db_blocker.unblock():
        connections["default"].creation.deserialize_db_from_string(_snapshots["default"])
        # A stream cancelled at shutdown ends without Django's request_finished,
        # so a server thread's connection may outlive the thread; PostgreSQL
        # would then refuse to drop the test database. End any such session.
        end_other_sessions()


@pytest.fixture
def committed_db(restore_migration_data, transactional_db, django_db_serialized_rollback):
    """Test data the server's threads can see: committed, then flushed and restored."""
    settings_dict = connections["default"].settings_dict
    max_age = settings_dict["CONN_MAX_AGE"]
    # Server threads must not keep connections open past their requests:
    # PostgreSQL would refuse to flush or drop the test database.
    settings_dict["CONN_MAX_AGE"] = 0
    yield
    settings_dict["CONN_MAX_AGE"] = max_age


@pytest.fixture
def asgi_server(committed_db, settings):
    """The site served by uvicorn on 127.0.0.1; yields its port."""
    import uvicorn
    from django.core.asgi import get_asgi_application

    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    port = free_port()
    config = uvicorn.Config(
        get_asgi_application(),
        host="127.0.0.1",
        port=port,
        lifespan="off",
        log_level="warning",
        timeout_graceful_shutdown=2,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("The test ASGI server did not start")
        time.sleep(0.05)
    yield port
    server.should_exit = True
    thread.join(timeout=10)
    close_server_connections()


def close_server_connections():
    """Close the connections of asgiref's worker thread, where the server ran sync code."""
    thread = threading.Thread(target=lambda: asyncio.run(sync_to_async(connections.close_all)()))
    thread.start()
    thread.join(timeout=10)


def end_other_sessions():
    connection = connections["default"]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        # This thread's connection object may not be the one pytest-django
        # closes before dropping the database (async code can swap it); the
        # next query reconnects.
        connection.close()
