from django.apps import AppConfig


class InterestsConfig(AppConfig):
    name = "interests"
    verbose_name = "兴趣"

    def ready(self) -> None:
        from interests import signals

        signals.connect()

        # Keyword alerts hear of every approval: automatic gatekeeping's and editors' decisions.
        from content.approvals import items_approved
        from content.moderation.visibility import visibility_changed
        from interests.alerts import editors_decided, gatekeeping_approved

        items_approved.connect(gatekeeping_approved, dispatch_uid="interests.alerts.gatekeeping")
        visibility_changed.connect(editors_decided, dispatch_uid="interests.alerts.decisions")
