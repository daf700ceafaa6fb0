"""Helpers to read the event stream in tests, in the test's own thread and transaction."""

import asyncio

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
