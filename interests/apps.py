from django.apps import AppConfig


class InterestsConfig(AppConfig):
    name = "interests"
    verbose_name = "兴趣"

    def ready(self) -> None:
        from interests import signals

        signals.connect()
