"""Account events in Wagtail's audit log (admin: Laporan → Riwayat situs / Log aktivitas).

Each entry is a `ModelLogEntry` on the user it concerns, with the client address in
its data: sign-ins, wrong passwords (for accounts that exist; a guessed username
that does not exist has no row to hang an entry on and is only counted by the
throttle), locks and unlocks, sign-outs, and second-factor changes.
"""

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.utils.functional import LazyObject
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.log_actions import log

from warta.people import throttle

logger = logging.getLogger(__name__)

LOGIN = "warta.account.login"
LOGIN_FAILED = "warta.account.login_failed"
LOCKED = "warta.account.locked"
UNLOCKED = "warta.account.unlocked"
LOGOUT = "warta.account.logout"
OTP_ENABLED = "warta.account.2fa_enabled"
OTP_DISABLED = "warta.account.2fa_disabled"
OTP_VERIFIED = "warta.account.2fa_verified"
OTP_FAILED = "warta.account.2fa_failed"
RECOVERY_USED = "warta.account.recovery_code_used"
RECOVERY_RENEWED = "warta.account.recovery_codes_renewed"
SESSIONS_ENDED = "warta.account.sessions_ended"

ACTIONS = {
    LOGIN: (gettext_lazy("Sign in"), gettext_lazy("Signed in")),
    LOGIN_FAILED: (gettext_lazy("Failed sign-in"), gettext_lazy("Wrong password")),
    LOCKED: (gettext_lazy("Sign-in lock"), gettext_lazy("Sign-in locked for an address")),
    UNLOCKED: (gettext_lazy("Sign-in unlock"), gettext_lazy("Sign-in unlocked")),
    LOGOUT: (gettext_lazy("Sign out"), gettext_lazy("Signed out")),
    OTP_ENABLED: (
        gettext_lazy("Two-step verification on"),
        gettext_lazy("Two-step verification turned on"),
    ),
    OTP_DISABLED: (
        gettext_lazy("Two-step verification off"),
        gettext_lazy("Two-step verification turned off"),
    ),
    OTP_VERIFIED: (
        gettext_lazy("Verification code accepted"),
        gettext_lazy("Verification code accepted"),
    ),
    OTP_FAILED: (
        gettext_lazy("Wrong verification code"),
        gettext_lazy("Wrong verification code"),
    ),
    RECOVERY_USED: (gettext_lazy("Recovery code used"), gettext_lazy("Recovery code used")),
    RECOVERY_RENEWED: (
        gettext_lazy("New recovery codes"),
        gettext_lazy("New recovery codes made"),
    ),
    SESSIONS_ENDED: (
        gettext_lazy("Sessions ended"),
        gettext_lazy("Other sessions ended after a change of roles"),
    ),
}


@hooks.register("register_log_actions")
def register_log_actions(actions):
    for action, (label, message) in ACTIONS.items():
        actions.register_action(action, label, message)


SELF = object()


def record(user, action, request=None, actor=SELF, **data):
    """Write one audit entry on `user`; `actor` did it (default: the user; None: unknown)."""
    if request is not None:
        data.setdefault("address", throttle.client_address(request))
    user = _concrete(user)
    log(user, action, user=user if actor is SELF else _concrete(actor), data=data)


def _concrete(user):
    """The user itself, not `request.user`'s lazy wrappers (Wagtail finds the log model by type)."""
    while isinstance(user, LazyObject):
        user.pk  # noqa: B018 - evaluates the lazy object
        user = user._wrapped
    return user


@receiver(user_logged_in, dispatch_uid="warta.people.audit.logged_in")
def on_logged_in(sender, request, user, **kwargs):
    if request is not None:
        throttle.clear(user.get_username(), throttle.client_address(request))
    record(user, LOGIN, request)


@receiver(user_logged_out, dispatch_uid="warta.people.audit.logged_out")
def on_logged_out(sender, request, user, **kwargs):
    if user is not None and user.pk is not None:
        record(user, LOGOUT, request)


@receiver(user_login_failed, dispatch_uid="warta.people.audit.login_failed")
def on_login_failed(sender, credentials, request=None, **kwargs):
    if request is None:
        return
    User = get_user_model()
    username = credentials.get(User.USERNAME_FIELD) or credentials.get("username") or ""
    address = throttle.client_address(request)
    # The login form counted this attempt before the password check; other callers not.
    locked = throttle.record_failure(
        username, address, count=getattr(request, "warta_login_attempt", None)
    )
    user = User._default_manager.filter(**{f"{User.USERNAME_FIELD}__iexact": username}).first()
    if user is None:
        logger.info("Failed sign-in for an unknown username from %s", address)
        return
    record(user, LOGIN_FAILED, request, actor=None)
    if locked:
        record(user, LOCKED, request, actor=None)
