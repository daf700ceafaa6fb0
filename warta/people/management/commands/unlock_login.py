"""Lift a sign-in lock: `manage.py unlock_login USERNAME [--address ADDRESS]`."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from warta.people import audit, throttle


class Command(BaseCommand):
    help = "Unlock sign-in for an account, from one address or from every locked one."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--address", help="only this client address")

    def handle(self, *args, username, address=None, **options):
        addresses = throttle.unlock_username(username, address)
        User = get_user_model()
        user = User._default_manager.filter(**{f"{User.USERNAME_FIELD}__iexact": username}).first()
        if user is not None:
            audit.record(user, audit.UNLOCKED, actor=None, addresses=addresses, by="command")
        self.stdout.write(f"Unlocked {username} for {len(addresses)} address(es): {addresses}")
