from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "warta.people"
    label = "people"

    def ready(self):
        # Account events in the audit log, the login throttle's counting, the second
        # factor's sign-in note, and sessions ended on a change of privileges.
        from warta.people import audit, sessions, two_factor  # noqa: F401

        sessions.connect()
