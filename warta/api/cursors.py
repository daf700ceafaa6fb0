"""Cursors for keyset pagination: where the last page stopped, signed.

A cursor holds the sort key of the last item sent (a time and a primary key,
or a primary key alone). Keyset pages stay right while stories are being
published, cost one indexed query however deep a client pages, and need no
count. The cursor is signed so a client cannot hand-craft one: a tampered or
foreign cursor is refused (400) instead of being trusted.
"""

from datetime import datetime

from django.core import signing

SALT = "warta.api.cursor"


class BadCursor(ValueError):
    pass


def encode(*key):
    """The cursor after an item whose sort key is `key` (datetimes and ints)."""
    parts = [part.isoformat() if isinstance(part, datetime) else part for part in key]
    return signing.dumps(parts, salt=SALT, compress=True)


def decode(cursor, kinds):
    """The sort key in `cursor`, checked against `kinds` (a tuple of datetime / int)."""
    try:
        parts = signing.loads(cursor, salt=SALT)
    except signing.BadSignature as error:
        raise BadCursor(cursor) from error
    if not isinstance(parts, list) or len(parts) != len(kinds):
        raise BadCursor(cursor)
    key = []
    for part, kind in zip(parts, kinds, strict=True):
        if kind is datetime:
            if not isinstance(part, str):
                raise BadCursor(cursor)
            try:
                part = datetime.fromisoformat(part)
            except ValueError as error:
                raise BadCursor(cursor) from error
        elif not isinstance(part, int) or isinstance(part, bool):
            raise BadCursor(cursor)
        key.append(part)
    return tuple(key)
