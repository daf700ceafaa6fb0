"""Admin pieces of the accounts work: the code page, two-step set-up, and sign-in locks."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from warta.people import audit, throttle, two_factor

UNLOCK_PERMISSION = "people.change_user"


def may_unlock(user):
    return user.is_active and user.has_perm(UNLOCK_PERMISSION)


class UnlockForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("Username"), max_length=150)
    address = forms.GenericIPAddressField(
        label=gettext_lazy("Address"),
        required=False,
        help_text=gettext_lazy("Empty: every locked address of this account."),
    )


@never_cache
def login_locks(request):
    """Locked account+address pairs, and a form to lift one or all of an account's."""
    if not may_unlock(request.user):
        raise PermissionDenied
    form = UnlockForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        address = form.cleaned_data["address"] or None
        addresses = throttle.unlock_username(username, address)
        target = _user_named(username)
        if target is not None:
            audit.record(
                target,
                audit.UNLOCKED,
                request,
                actor=request.user,
                addresses=addresses,
            )
        messages.success(
            request,
            _("Sign-in unlocked for %(username)s (%(count)d address(es)).")
            % {"username": username, "count": len(addresses)},
        )
        return redirect("people_login_locks")
    return TemplateResponse(
        request,
        "people/account/login_locks.html",
        {
            "form": form,
            "pairs": throttle.locked_pairs(),
            "page_title": _("Sign-in locks"),
            "header_title": _("Sign-in locks"),
            "header_icon": "lock",
        },
    )


def _user_named(username):
    from django.contrib.auth import get_user_model

    User = get_user_model()
    return User._default_manager.filter(**{f"{User.USERNAME_FIELD}__iexact": username}).first()


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("masuk/kode/", two_factor.verify, name="wagtailadmin_verify"),
        path("akun/dua-langkah/", two_factor.setup, name="wagtailadmin_two_factor"),
        path("kunci-login/", login_locks, name="people_login_locks"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    return {
        "url": reverse("wagtailadmin_two_factor"),
        "label": _("Two-step verification"),
        "help_text": _("A code from an authenticator app after your password, and recovery codes."),
    }


class LoginLocksMenuItem(MenuItem):
    def is_shown(self, request):
        return may_unlock(request.user)


@hooks.register("register_settings_menu_item")
def register_login_locks_menu_item():
    return LoginLocksMenuItem(
        gettext_lazy("Sign-in locks"), reverse("people_login_locks"), icon_name="lock", order=610
    )
