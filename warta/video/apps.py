from django.apps import AppConfig


class VideoConfig(AppConfig):
    name = "warta.video"
    label = "video"

    def ready(self):
        # Imported here: the handlers import the models, loadable only once apps are.
        from warta.video.permissions import register_video_permission_policy
        from warta.video.signal_handlers import register_signal_handlers

        register_signal_handlers()
        register_video_permission_policy()
