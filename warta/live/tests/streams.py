"""Helpers to read the event stream in tests, in the test's own thread and transaction."""

import asyncio
import threading

from asgiref.sync import async_to_sync
from django.db import connections

STEP_TIMEOUT = 5


async def next_frame(iterator, timeout=STEP_TIMEOUT):
    """The next non-empty chunk of a streaming response, decoded."""
    while True:
        chunk = await asyncio.wait_for(anext(iterator), timeout)
        if chunk.strip():
            return chunk.decode()


def parse_frame(frame):
    fields = {}
    for line in frame.strip().splitlines():
        name, _, value = line.partition(": ")
        fields[name] = value
    return fields


def run_in_thread(function, *args, **kwargs):
    """`function(*args, **kwargs)` in a helper thread that borrows the test's connection.

    Not in the test's thread: Playwright's sync API (the session's browser)
    leaves an event loop there, where asgiref's `async_to_sync` (async test
    scenarios; the test client reading a stream) refuses to run. The helper
    thread borrows the test's connection, so it sees the test's (rolled-back) data.
    """
    connection = connections["default"]
    outcome = {}

    def target():
        connections["default"] = connection
        connection.inc_thread_sharing()
        try:
            outcome["value"] = function(*args, **kwargs)
        except BaseException as error:  # re-raised in the test's thread
            outcome["error"] = error
        finally:
            connection.dec_thread_sharing()

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(timeout=60)
    if thread.is_alive():
        raise TimeoutError("the call did not finish")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def run_async(coroutine_function, *args, **kwargs):
    """Run an async test scenario to completion, with the test's database connection."""
    return run_in_thread(async_to_sync(coroutine_function), *args, **kwargs)
