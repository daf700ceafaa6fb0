"""A real ASGI server for browser tests of the event stream.

A streaming response cannot go through `served_page` (Playwright's
route.fulfill needs the whole body), so these tests run the project's ASGI
server, uvicorn, in a thread on a free port of 8100-8199, against committed
test data. `committed_db` gives that data and puts the migration-made rows
(Wagtail's root page, the roles' groups, the workflow) back afterwards with the
root conftest's `restore_migration_data`, so the tests that follow see the
database they expect, in any order.
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
