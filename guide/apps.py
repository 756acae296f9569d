from django.apps import AppConfig


class GuideConfig(AppConfig):
    name = "guide"
    verbose_name = "Guide 账户与平台"

    def ready(self) -> None:
        from guide import (
            auth,  # noqa: F401  (connects the token cache's invalidation signals)
            db,  # noqa: F401  (registers the `any` lookup)
        )
