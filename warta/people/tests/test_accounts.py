"""Accounts: login throttle by account+address, the second factor, audit entries, sessions.

Runs on SQLite with the local-memory cache and on PostgreSQL with Redis
(DATABASE_URL, REDIS_URL), like every test.
"""

import time

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from warta.people import audit, roles, throttle
from warta.people.factories import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "kata-sandi-yang-panjang-sekali"
LOGIN = "/admin/login/"
LOCKED_TEXT = "Terlalu banyak percobaan masuk"


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.WARTA_LOGIN_FAILURE_LIMIT = 3
    settings.WARTA_LOGIN_LOCK_SECONDS = 600
    settings.WARTA_2FA_REQUIRED = False


def staff(username, role=roles.EDITOR):
    user = make_user(username, role)
    user.set_password(PASSWORD)
    user.save()
    return user


def client_from(address):
    return Client(REMOTE_ADDR=address)


def sign_in(client, username, password=PASSWORD):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})


def signed_in(response):
    return response.status_code == 302 and response["Location"] == "/admin/"


def entries(user, action):
    return ModelLogEntry.objects.filter(object_id=str(user.pk), action=action)


# --- throttle -------------------------------------------------------------------------


def test_wrong_passwords_lock_only_that_account_from_that_address():
    staff("editor1")
    staff("editor2")
    attacker = client_from("203.0.113.7")
    for _attempt in range(3):
        response = sign_in(attacker, "editor1", "salah")
        assert response.status_code == 200
    # Locked: the right password from that address is refused, with the message.
    response = sign_in(attacker, "editor1")
    assert response.status_code == 200
    assert LOCKED_TEXT in response.content.decode()
    assert "_auth_user_id" not in attacker.session
    # The same account from another address (carrier NAT neighbour, the office) signs in.
    assert signed_in(sign_in(client_from("198.51.100.20"), "editor1"))
    # Another account from the locked address signs in too: the address is not locked.
    assert signed_in(sign_in(client_from("203.0.113.7"), "editor2"))


def test_fewer_failures_than_the_limit_do_not_lock_and_a_sign_in_clears_them():
    staff("editor1")
    browser = client_from("203.0.113.8")
    sign_in(browser, "editor1", "salah")
    sign_in(browser, "editor1", "salah")
    assert signed_in(sign_in(browser, "editor1"))
    browser.post(reverse("wagtailadmin_logout"))
    sign_in(browser, "editor1", "salah")
    sign_in(browser, "editor1", "salah")
    assert signed_in(sign_in(browser, "editor1"))


def test_lock_message_is_indonesian_and_names_the_wait():
    staff("editor1")
    attacker = client_from("203.0.113.9")
    for _attempt in range(3):
        response = sign_in(attacker, "editor1", "salah")
    body = response.content.decode()
    assert LOCKED_TEXT in body
    assert "10 menit" in body


def test_attempts_beyond_the_limit_while_others_are_checked_get_no_password_check(monkeypatch):
    """Three attempts still being checked (counted, not failed yet): a fourth is not hashed."""
    from django.contrib.auth import base_user

    staff("editor1")
    for _attempt in range(3):
        throttle.reserve("editor1", "203.0.113.16")
    checked = []
    real_check = base_user.check_password
    monkeypatch.setattr(
        base_user, "check_password", lambda *a, **k: checked.append(1) or real_check(*a, **k)
    )
    response = sign_in(client_from("203.0.113.16"), "editor1")
    assert LOCKED_TEXT in response.content.decode()
    assert checked == []
    # From another address the password is checked (the spy sees it) and the login works.
    assert signed_in(sign_in(client_from("198.51.100.16"), "editor1"))
    assert checked == [1]


def test_lock_expires(settings, monkeypatch):
    staff("editor1")
    attacker = client_from("203.0.113.10")
    for _attempt in range(3):
        sign_in(attacker, "editor1", "salah")
    assert throttle.locked_for("editor1", "203.0.113.10")
    later = time.time() + 601
    monkeypatch.setattr(throttle.time, "time", lambda: later)
    assert throttle.locked_for("editor1", "203.0.113.10") == 0


def test_admin_unlocks_from_the_admin():
    staff("editor1")
    admin = staff("kepala", roles.ADMIN)
    attacker = client_from("203.0.113.11")
    for _attempt in range(3):
        sign_in(attacker, "editor1", "salah")
    boss = Client()
    boss.force_login(admin)
    listing = boss.get(reverse("people_login_locks"))
    assert listing.status_code == 200
    assert "203.0.113.11" in listing.content.decode()
    response = boss.post(reverse("people_login_locks"), {"username": "editor1", "address": ""})
    assert response.status_code == 302
    assert signed_in(sign_in(attacker, "editor1"))
    assert entries(admin.__class__.objects.get(username="editor1"), audit.UNLOCKED).exists()


def test_unlock_page_is_for_admins_only():
    reporter = staff("reporter1", roles.REPORTER)
    browser = Client()
    browser.force_login(reporter)
    # Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard.
    response = browser.get(reverse("people_login_locks"))
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_unlock_command():
    staff("editor1")
    attacker = client_from("203.0.113.12")
    for _attempt in range(3):
        sign_in(attacker, "editor1", "salah")
    call_command("unlock_login", "editor1", "--address", "203.0.113.12")
    assert signed_in(sign_in(attacker, "editor1"))


def test_bad_unlock_input_is_a_form_error_not_a_500():
    admin = staff("kepala", roles.ADMIN)
    boss = Client()
    boss.force_login(admin)
    response = boss.post(
        reverse("people_login_locks"), {"username": "", "address": "not-an-address"}
    )
    assert response.status_code == 200


def test_throttle_fails_open_when_the_cache_is_unreachable(monkeypatch):
    """Redis refusing connections, through the site's own cache wrapper: logins work, no 500."""
    from warta.core.cache import DegradingRedisCache

    staff("editor1")
    unreachable = DegradingRedisCache("redis://127.0.0.1:9/0", {"KEY_PREFIX": "warta"})
    monkeypatch.setattr(throttle, "cache", unreachable)
    browser = client_from("203.0.113.13")
    for _attempt in range(5):
        assert sign_in(browser, "editor1", "salah").status_code == 200
    assert signed_in(sign_in(browser, "editor1"))
    assert throttle.locked_pairs() == []


# --- audit log ------------------------------------------------------------------------


def test_logins_failures_logouts_are_in_the_audit_log_and_the_report():
    user = staff("editor1")
    browser = client_from("203.0.113.14")
    sign_in(browser, "editor1", "salah")
    sign_in(browser, "editor1")
    browser.post(reverse("wagtailadmin_logout"))
    failed = entries(user, audit.LOGIN_FAILED).get()
    assert failed.data["address"] == "203.0.113.14"
    assert failed.user is None
    assert entries(user, audit.LOGIN).get().user == user
    assert entries(user, audit.LOGOUT).exists()
    # Searchable in the admin's site history report, by action.
    admin = make_user("boss")
    admin.is_superuser = True
    admin.save()
    boss = Client()
    boss.force_login(admin)
    report = boss.get(reverse("wagtailadmin_reports:site_history"), {"action": audit.LOGIN_FAILED})
    assert report.status_code == 200
    assert "Kata sandi salah" in report.content.decode()


def test_lock_is_in_the_audit_log():
    user = staff("editor1")
    attacker = client_from("203.0.113.15")
    for _attempt in range(3):
        sign_in(attacker, "editor1", "salah")
    assert entries(user, audit.LOCKED).count() == 1


# --- second factor --------------------------------------------------------------------


def totp_code(device, offset=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset
    return f"{totp.token():0{device.digits}d}"


def set_up_two_factor(browser):
    """Through the account page: the QR and key shown, the first code confirms."""
    page = browser.get(reverse("wagtailadmin_two_factor"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "<svg" in body
    assert 'id="two-factor-secret"' in body
    device = TOTPDevice.objects.get(confirmed=False)
    response = browser.post(
        reverse("wagtailadmin_two_factor"), {"action": "confirm", "code": totp_code(device)}
    )
    assert response.status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    return device, response.context["codes"]


def test_set_up_then_sign_in_needs_the_code():
    user = staff("editor1")
    browser = client_from("203.0.113.20")
    assert signed_in(sign_in(browser, "editor1"))
    device, codes = set_up_two_factor(browser)
    assert len(codes) == 10
    assert entries(user, audit.OTP_ENABLED).exists()
    browser.post(reverse("wagtailadmin_logout"))

    assert signed_in(sign_in(browser, "editor1"))
    # No admin page without the code: every one sends to the code page.
    for url in ("/admin/", "/admin/pages/", reverse("wagtailadmin_account")):
        response = browser.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_verify"))
    wrong = browser.post(reverse("wagtailadmin_verify"), {"code": "000000", "next": "/admin/"})
    assert wrong.status_code == 200
    assert "Kode itu tidak benar" in wrong.content.decode()
    assert entries(user, audit.OTP_FAILED).exists()
    device.refresh_from_db()
    device.throttle_reset()
    right = browser.post(
        reverse("wagtailadmin_verify"), {"code": totp_code(device, 30), "next": "/admin/pages/"}
    )
    assert right.status_code == 302
    assert right["Location"] == "/admin/pages/"
    assert browser.get("/admin/").status_code == 200
    assert entries(user, audit.OTP_VERIFIED).exists()


def test_unverified_session_is_anonymous_outside_the_admin():
    from warta.people.two_factor import SecondFactorMiddleware

    user = staff("editor1")
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    browser = client_from("203.0.113.21")
    sign_in(browser, "editor1")
    seen = []

    def view(request):
        seen.append(request.user.is_authenticated)
        from django.http import HttpResponse

        return HttpResponse()

    request = browser.get("/admin/").wsgi_request  # a request carrying the session
    request.path_info = "/berita/"
    SecondFactorMiddleware(view)(request)
    assert seen == [False]


def test_recovery_code_works_once():
    user = staff("editor1")
    browser = client_from("203.0.113.22")
    sign_in(browser, "editor1")
    _device, codes = set_up_two_factor(browser)
    browser.post(reverse("wagtailadmin_logout"))

    sign_in(browser, "editor1")
    used = browser.post(reverse("wagtailadmin_verify"), {"code": codes[0], "next": "/admin/"})
    assert used.status_code == 302
    assert browser.get("/admin/").status_code == 200
    assert entries(user, audit.RECOVERY_USED).exists()
    assert StaticToken.objects.filter(device__user=user).count() == 9
    browser.post(reverse("wagtailadmin_logout"))

    sign_in(browser, "editor1")
    again = browser.post(reverse("wagtailadmin_verify"), {"code": codes[0], "next": "/admin/"})
    assert again.status_code == 200
    assert browser.get("/admin/").status_code == 302


def test_recovery_codes_are_shown_once_and_can_be_renewed():
    user = staff("editor1")
    browser = client_from("203.0.113.23")
    sign_in(browser, "editor1")
    _device, codes = set_up_two_factor(browser)
    page = browser.get(reverse("wagtailadmin_two_factor")).content.decode()
    assert codes[0] not in page
    assert "10 kode pemulihan tersisa" in page
    renewed = browser.post(reverse("wagtailadmin_two_factor"), {"action": "recovery"})
    new_codes = renewed.context["codes"]
    assert set(new_codes).isdisjoint(codes)
    assert entries(user, audit.RECOVERY_RENEWED).exists()


def test_turning_it_off_is_logged():
    user = staff("editor1")
    browser = client_from("203.0.113.24")
    sign_in(browser, "editor1")
    set_up_two_factor(browser)
    browser.post(reverse("wagtailadmin_two_factor"), {"action": "disable"})
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert entries(user, audit.OTP_DISABLED).exists()


def test_required_sends_staff_without_a_device_to_set_up(settings):
    settings.WARTA_2FA_REQUIRED = True
    staff("editor1")
    browser = client_from("203.0.113.25")
    assert signed_in(sign_in(browser, "editor1"))
    response = browser.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_two_factor"))
    set_up_two_factor(browser)
    assert browser.get("/admin/pages/").status_code == 200
    # Required: it cannot be turned off.
    browser.post(reverse("wagtailadmin_two_factor"), {"action": "disable"})
    assert TOTPDevice.objects.filter(confirmed=True).exists()


def test_required_applies_to_every_staff_role(settings):
    settings.WARTA_2FA_REQUIRED = True
    for number, role in enumerate(roles.ROLES):
        user = staff(f"user{number}", role)
        browser = Client()
        browser.force_login(user)
        response = browser.get("/admin/")
        assert response.status_code == 302, role
        assert response["Location"].startswith(reverse("wagtailadmin_two_factor")), role


def test_bad_verify_input_is_a_form_error_not_a_500():
    user = staff("editor1")
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    browser = client_from("203.0.113.26")
    sign_in(browser, "editor1")
    for code in ("", "x" * 200, "١٢٣٤٥٦", "12 34 56"):
        response = browser.post(reverse("wagtailadmin_verify"), {"code": code})
        assert response.status_code == 200


# --- sessions -------------------------------------------------------------------------


def test_password_change_ends_other_sessions():
    user = staff("editor1")
    laptop, phone = client_from("203.0.113.30"), client_from("203.0.113.31")
    sign_in(laptop, "editor1")
    sign_in(phone, "editor1")
    assert phone.get("/admin/").status_code == 200
    user.set_password("kata-sandi-baru-yang-panjang")
    user.save()
    assert phone.get("/admin/").status_code == 302
    assert laptop.get("/admin/").status_code == 302


def test_group_change_ends_that_users_sessions():
    user = staff("editor1", roles.REPORTER)
    other = staff("editor2", roles.REPORTER)
    phone, bystander = client_from("203.0.113.32"), client_from("203.0.113.33")
    sign_in(phone, "editor1")
    sign_in(bystander, "editor2")
    user.groups.add(Group.objects.get(name=roles.ADMIN))
    assert phone.get("/admin/").status_code == 302
    assert bystander.get("/admin/").status_code == 200
    # From the group's side too.
    sign_in(phone, "editor1")
    Group.objects.get(name=roles.ADMIN).user_set.remove(user)
    assert phone.get("/admin/").status_code == 302
    del other


def test_superuser_flag_change_ends_sessions():
    user = staff("editor1")
    phone = client_from("203.0.113.34")
    sign_in(phone, "editor1")
    user.is_superuser = True
    user.save()
    assert phone.get("/admin/").status_code == 302


def test_saving_a_user_without_privilege_change_keeps_sessions():
    user = staff("editor1")
    phone = client_from("203.0.113.35")
    sign_in(phone, "editor1")
    user.first_name = "Made"
    user.save()
    assert phone.get("/admin/").status_code == 200


def test_sessions_from_before_keep_working():
    """Generation 0 is Django's own hash: deploying this logs nobody out."""
    from django.contrib.auth.base_user import AbstractBaseUser

    user = make_user("editor1")
    assert user.session_generation == 0
    assert user.get_session_auth_hash() == AbstractBaseUser._get_session_auth_hash(user)


def test_the_code_page_never_sends_off_site():
    user = staff("editor1")
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    browser = client_from("203.0.113.27")
    sign_in(browser, "editor1")
    response = browser.post(
        reverse("wagtailadmin_verify"),
        {"code": totp_code(device), "next": "https://jahat.example/admin/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_a_device_removed_elsewhere_does_not_strand_the_session():
    user = staff("editor1")
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    browser = client_from("203.0.113.28")
    sign_in(browser, "editor1")
    assert browser.get("/admin/")["Location"].startswith(reverse("wagtailadmin_verify"))
    TOTPDevice.objects.filter(user=user).delete()
    assert browser.get(reverse("wagtailadmin_verify")).status_code == 302
    assert browser.get("/admin/").status_code == 200
