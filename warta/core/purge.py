"""Purging the caches in front (a CDN, nginx/Varnish) once a change is committed.

The one way apps purge: `purge_on_commit(fill, *args)` while they write. What
one transaction queues goes into one Wagtail `PurgeBatch`, filled after
commit (so it sees what readers will) and sent once, through Wagtail's own
purge task and its WAGTAILFRONTENDCACHE backends (none configured: nothing
is sent). The same `fill` and arguments queued twice in a transaction are
filled once, however many rows changed.

A rollback purges nothing: the batch lives only as long as Django holds its
on-commit callback, and a rollback (or the savepoint it was queued in rolling
back) drops that callback and with it the batch; the next write starts a
new one.
"""

import weakref

from django.db import transaction
from wagtail.contrib.frontend_cache.utils import PurgeBatch

# The open batch of each database connection (one per thread), held weakly:
# Django's list of on-commit callbacks owns it.
_open_batches = weakref.WeakValueDictionary()


class PendingPurge:
    """What one transaction will purge: the (fill, args) pairs queued, each once."""

    def __init__(self, connection):
        self.connection = connection
        self.fills = {}

    def add(self, fill, args):
        self.fills.setdefault((fill, args), None)

    def send(self):
        if _open_batches.get(self.connection) is self:
            del _open_batches[self.connection]
        batch = PurgeBatch()
        for fill, args in self.fills:
            fill(batch, *args)
        batch.purge()


def purge_on_commit(fill, *args, using=None):
    """After the transaction commits, purge what `fill(batch, *args)` adds to `batch`.

    `fill` adds URLs or pages to a Wagtail PurgeBatch (`add_url`, `add_page`);
    `args` must be hashable (ids, not model instances). Outside a transaction
    the purge is sent at once.
    """
    connection = transaction.get_connection(using)
    pending = _open_batches.get(connection)
    if pending is not None:
        pending.add(fill, args)
        return
    pending = PendingPurge(connection)
    pending.add(fill, args)
    _open_batches[connection] = pending
    transaction.on_commit(pending.send, using=using)
