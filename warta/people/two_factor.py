"""The second factor: TOTP codes (django-otp) and one-time recovery codes.

After the password, a staff user who has a TOTP device is sent to the code page
(`wagtailadmin_verify`) before any admin page; until the code is given, the
session carries no privileges anywhere (other paths see an anonymous user).
With `WARTA_2FA_REQUIRED` on, a staff user without a device is sent to set one
up (`wagtailadmin_two_factor`) first. Off by default, so the demo and tests log
in with a password only unless they turn it on.

Set-up shows the secret as a QR code (segno, inline SVG) and as text; the first
right code confirms the device and makes ten recovery codes (django-otp's
static tokens), shown once. Every change goes to the audit log (`people/audit.py`).
Wrong codes are slowed down by django-otp's own throttling, per device.
"""

from functools import cached_property

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django_otp import DEVICE_ID_SESSION_KEY, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from warta.people import audit

STATE_KEY = "warta_2fa"  # "device": has a confirmed device; "none": has none
RECOVERY_CODES = 10
ADMIN_PERMISSION = "wagtailadmin.access_admin"


def required():
    return settings.WARTA_2FA_REQUIRED


def confirmed_totp(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def recovery_device(user):
    return StaticDevice.objects.filter(user=user, confirmed=True).first()


def _state(request, user):
    state = request.session.get(STATE_KEY)
    if state is None:
        state = "device" if user_has_device(user) else "none"
        request.session[STATE_KEY] = state
    return state


def _verified(request, user):
    verified = getattr(user, "is_verified", None)
    return bool(verified()) if verified is not None else False


def gate(request, user):
    """What a signed-in user must do first: "verify", "setup" or None (nothing)."""
    if not user.is_authenticated or _verified(request, user):
        return None
    if not user.has_perm(ADMIN_PERMISSION):
        return None
    if _state(request, user) == "device":
        return "verify"
    if required():
        return "setup"
    return None


@receiver(user_logged_in, dispatch_uid="warta.people.two_factor.logged_in")
def on_logged_in(sender, request, user, **kwargs):
    """Note at sign-in whether the user has a device, so admin requests need no query for it."""
    if request is not None and hasattr(request, "session"):
        request.session[STATE_KEY] = "device" if user_has_device(user) else "none"


class SecondFactorMiddleware:
    """Sends unverified staff to the code page (or to set-up) before any admin page.

    Goes after django-otp's `OTPMiddleware` (which gives `request.user.is_verified()`).
    Outside the admin the user stays lazy: a request that never looks at it (a public
    page) costs nothing; one that does sees an anonymous user until the code is given.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def paths(self):
        return {
            "admin": reverse("wagtailadmin_home"),
            "verify": reverse("wagtailadmin_verify"),
            "setup": reverse("wagtailadmin_two_factor"),
            "open": (
                reverse("wagtailadmin_login"),
                reverse("wagtailadmin_logout"),
                reverse("wagtailadmin_javascript_catalog"),
                reverse("wagtailadmin_password_reset"),
            ),
        }

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None:
            return self.get_response(request)
        paths = self.paths
        path = request.path_info
        if not path.startswith(paths["admin"]):
            request.user = SimpleLazyObject(lambda: self._outside_admin(request, user))
            return self.get_response(request)
        if path.startswith(paths["open"]):
            return self.get_response(request)
        needed = gate(request, user)
        if needed is None or path == paths[needed]:
            return self.get_response(request)
        if needed == "setup" and path == paths["verify"]:
            return redirect(paths["setup"])
        return HttpResponseRedirect(f"{paths[needed]}?{_next_query(request)}")

    @staticmethod
    def _outside_admin(request, user):
        return AnonymousUser() if gate(request, user) else user


def _next_query(request):
    from django.utils.http import urlencode

    return urlencode({"next": request.get_full_path()})


def _safe_next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).lower()


@never_cache
def verify(request):
    """The code page after the password: a TOTP code, or one recovery code (used up)."""
    user = request.user
    if request.method == "GET":
        # A device removed since sign-in (from another session) must not leave this one stuck.
        request.session.pop(STATE_KEY, None)
    if _verified(request, user) or _state(request, user) != "device":
        return redirect(_safe_next(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        device, used_recovery = _match(user, code)
        if device is not None:
            otp_login(request, device)
            request.session.cycle_key()
            action = audit.RECOVERY_USED if used_recovery else audit.OTP_VERIFIED
            audit.record(user, action, request)
            if used_recovery:
                left = StaticToken.objects.filter(device=device).count()
                messages.warning(
                    request,
                    _("Recovery code used. %(left)d left; make new ones in Account settings.")
                    % {"left": left},
                )
            return redirect(_safe_next(request))
        audit.record(user, audit.OTP_FAILED, request)
        form.add_error("code", _("That code is not right, or it has expired. Try again."))
    return TemplateResponse(
        request,
        "people/account/verify.html",
        {"form": form, "next": _safe_next(request)},
    )


def _match(user, code):
    """The device that accepts the code and whether it was a recovery code."""
    with transaction.atomic():
        totp = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
        if totp is not None and code.isdigit() and totp.verify_token(code):
            return totp, False
        static = StaticDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
        if static is not None and static.verify_token(code):
            return static, True
    return None, False


def _qr_svg(url):
    # The SVG is segno's own path data; the URL is encoded into modules, not embedded as text.
    return mark_safe(segno.make(url, error="m").svg_inline(scale=5, border=2))


def _new_recovery_codes(user):
    """Replace the user's recovery codes with new ones; returns them (shown once, never again)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=_("Recovery codes"), confirmed=True)
    codes = [StaticToken.random_token() for _i in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@never_cache
def setup(request):
    """Account settings → two-step verification: turn on, new recovery codes, turn off."""
    user = request.user
    device = confirmed_totp(user)
    context = {
        "required": required(),
        "next": _safe_next(request),
        "page_title": _("Two-step verification"),
        "header_title": _("Two-step verification"),
        "header_icon": "key",
    }
    action = request.POST.get("action") if request.method == "POST" else None

    if device is not None:
        if action == "recovery":
            with transaction.atomic():
                codes = _new_recovery_codes(user)
            audit.record(user, audit.RECOVERY_RENEWED, request)
            context["codes"] = codes
        elif action == "disable" and not required():
            with transaction.atomic():
                TOTPDevice.objects.filter(user=user).delete()
                StaticDevice.objects.filter(user=user).delete()
            request.session.pop(DEVICE_ID_SESSION_KEY, None)
            request.session[STATE_KEY] = "none"
            audit.record(user, audit.OTP_DISABLED, request)
            messages.success(request, _("Two-step verification is off."))
            return redirect("wagtailadmin_two_factor")
        context["device"] = device
        static = recovery_device(user)
        context["codes_left"] = static.token_set.count() if static else 0
        return TemplateResponse(request, "people/account/two_factor.html", context)

    pending = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if pending is None:
        pending = TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)
    form = CodeForm(request.POST or None)
    if action == "confirm" and form.is_valid():
        code = form.cleaned_data["code"]
        if code.isdigit() and pending.verify_token(code):
            with transaction.atomic():
                pending.confirmed = True
                pending.save()
                codes = _new_recovery_codes(user)
            otp_login(request, pending)
            request.session[STATE_KEY] = "device"
            audit.record(user, audit.OTP_ENABLED, request)
            context.update(device=pending, codes=codes, codes_left=len(codes), just_enabled=True)
            return TemplateResponse(request, "people/account/two_factor.html", context)
        form.add_error("code", _("That code is not right, or it has expired. Try again."))
    context.update(
        form=form,
        qr=_qr_svg(pending.config_url),
        secret=_base32(pending),
    )
    return TemplateResponse(request, "people/account/two_factor.html", context)


def _base32(device):
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
