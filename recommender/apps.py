from django.apps import AppConfig


class RecommenderConfig(AppConfig):
    name = "recommender"
    verbose_name = "推荐与榜单"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from recommender.brands import brand_membership_changed
        from recommender.models import BrandMember

        post_save.connect(brand_membership_changed, sender=BrandMember, dispatch_uid="recommender.brand_member_joined")
        post_delete.connect(brand_membership_changed, sender=BrandMember, dispatch_uid="recommender.brand_member_left")

        from content.moderation.visibility import visibility_changed
        from recommender.lists import lists_refresh_soon

        # Editors' decisions reach the materialised lists at once (feeds and pools follow the
        # content epoch by themselves).
        visibility_changed.connect(lists_refresh_soon, dispatch_uid="recommender.lists_refresh_soon")

        # A shopper whose profile took in what they did finds their next first page computed.
        from interests.feed_generation import profile_applied
        from recommender.feed_precompute import profile_applied_received

        profile_applied.connect(profile_applied_received, dispatch_uid="recommender.feed_precompute")
