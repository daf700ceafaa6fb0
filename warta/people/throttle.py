"""Login throttling by account and address together (docs/decisions/0009-accounts.md).

After `WARTA_LOGIN_FAILURE_LIMIT` wrong passwords for one username from one
client address within `WARTA_LOGIN_LOCK_SECONDS`, that pair is locked for
`WARTA_LOGIN_LOCK_SECONDS`: even the right password is refused, with an
Indonesian message, and no password is hashed for it. The same account from
another address, and other accounts from the same address, are untouched:
newsrooms and mobile readers share addresses behind carrier NAT, so an
address is never locked for everyone.

Counts live in the configured cache (Redis in production, through
`core.cache.DegradingRedisCache`). With the cache unreachable, counting stops
and logins go on unthrottled, never a 500: the throttle fails open, logged by
the cache wrapper.

An admin unlocks a pair from the admin ("Kunci login") or with
`manage.py unlock_login USERNAME [--address ADDRESS]`.
"""

import hashlib
import time

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms.auth import LoginForm

PREFIX = "warta-login"
INDEX_KEY = f"{PREFIX}:locked"
INDEX_LIMIT = 1000


def client_address(request):
    """The client's address: REMOTE_ADDR, or X-Forwarded-For past the trusted proxies."""
    proxies = getattr(settings, "NINJA_NUM_PROXIES", 0)
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _limit():
    return settings.WARTA_LOGIN_FAILURE_LIMIT


def _lock_seconds():
    return settings.WARTA_LOGIN_LOCK_SECONDS


def normalise(username):
    return (username or "").strip().casefold()


def _pair(username, address):
    digest = hashlib.sha256(f"{normalise(username)}\0{address}".encode()).hexdigest()[:32]
    return f"{PREFIX}:fail:{digest}", f"{PREFIX}:lock:{digest}"


def locked_for(username, address):
    """Seconds the pair stays locked (0: not locked)."""
    _count_key, lock_key = _pair(username, address)
    until = cache.get(lock_key)
    if not until:
        return 0
    return max(0, int(until - time.time()) + 1)


def reserve(username, address):
    """Count one attempt for the pair before its password is checked.

    Counting first bounds the password checks per pair to the limit even when many
    attempts arrive at once (each check takes a hash's time). Returns the count, or 0
    when the cache is unreachable (fail open).
    """
    count_key, _lock_key = _pair(username, address)
    cache.add(count_key, 0, timeout=_lock_seconds())
    try:
        return cache.incr(count_key)
    except ValueError:
        # The key expired between add and incr, or the cache is unreachable.
        return 0


def lock(username, address):
    """Lock the pair for the lock time; True when this call locked it (not already locked)."""
    _count_key, lock_key = _pair(username, address)
    until = time.time() + _lock_seconds()
    if not cache.add(lock_key, until, timeout=_lock_seconds()):
        return False
    _index_add(username, address, until)
    return True


def record_failure(username, address, count=None):
    """A wrong password for the pair (`count`: its reserved attempt); True when it locked it."""
    if count is None:
        count = reserve(username, address)
    if count and count >= _limit():
        return lock(username, address)
    return False


def clear(username, address):
    """Forget the pair's failures and lift its lock."""
    count_key, lock_key = _pair(username, address)
    cache.delete_many([count_key, lock_key])
    index = _index()
    key = f"{normalise(username)}\0{address}"
    if key in index:
        del index[key]
        cache.set(INDEX_KEY, index, timeout=_lock_seconds())


def locked_pairs():
    """The pairs locked now: [(username, address, seconds left)], soonest to end last."""
    now = time.time()
    pairs = []
    for key, until in _index().items():
        username, _sep, address = key.partition("\0")
        if until > now and locked_for(username, address):
            pairs.append((username, address, int(until - now) + 1))
    return sorted(pairs, key=lambda pair: -pair[2])


def unlock_username(username, address=None):
    """Unlock one pair, or every locked pair of a username; returns the addresses unlocked."""
    addresses = [
        pair_address
        for pair_username, pair_address, _left in locked_pairs()
        if pair_username == normalise(username) and address in (None, pair_address)
    ]
    if address is not None and address not in addresses:
        addresses.append(address)
    for pair_address in addresses:
        clear(username, pair_address)
    return addresses


def _index():
    index = cache.get(INDEX_KEY)
    return dict(index) if isinstance(index, dict) else {}


def _index_add(username, address, until):
    """Remember a locked pair so admins can see and lift it (bounded; expired ones dropped)."""
    now = time.time()
    index = {key: value for key, value in _index().items() if value > now}
    index[f"{normalise(username)}\0{address}"] = until
    if len(index) > INDEX_LIMIT:
        index = dict(sorted(index.items(), key=lambda item: item[1])[-INDEX_LIMIT:])
    cache.set(INDEX_KEY, index, timeout=_lock_seconds())


def locked_message(seconds):
    minutes = max(1, (seconds + 59) // 60)
    return ngettext(
        "Too many failed sign-ins for this account from your address. Try again in "
        "%(minutes)d minute, or ask an administrator to unlock it.",
        "Too many failed sign-ins for this account from your address. Try again in "
        "%(minutes)d minutes, or ask an administrator to unlock it.",
        minutes,
    ) % {"minutes": minutes}


class ThrottledLoginForm(LoginForm):
    """Wagtail's login form, refusing a locked account+address pair before any password check.

    Each attempt is counted before its password is checked, so concurrent attempts cannot
    get more than the limit of password checks; the `user_login_failed` receiver
    (`people/audit.py`) locks the pair at the limit, and counts the failures of any other
    `authenticate()` given a request.
    """

    error_messages = {
        **LoginForm.error_messages,
        "locked": _("Sign-in locked."),
    }

    def clean(self):
        username = self.cleaned_data.get("username")
        address = client_address(self.request) if self.request is not None else ""
        if username and self.request is not None:
            seconds = locked_for(username, address)
            if seconds:
                raise forms.ValidationError(locked_message(seconds), code="locked")
            count = reserve(username, address)
            if count > _limit():
                # Attempts beyond the limit that arrived while the last allowed ones were
                # still being checked: refused without a password check.
                lock(username, address)
                seconds = locked_for(username, address) or _lock_seconds()
                raise forms.ValidationError(locked_message(seconds), code="locked")
            # Read by the user_login_failed receiver (people/audit.py): counted already.
            self.request.warta_login_attempt = count
        try:
            return super().clean()
        except forms.ValidationError:
            seconds = locked_for(username, address) if username else 0
            if seconds:
                raise forms.ValidationError(locked_message(seconds), code="locked") from None
            raise
