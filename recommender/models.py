from django.conf import settings
from django.db import models

PERIODS = {"day": "今日", "week": "本周"}
OVERALL = "overall"


class ItemNeighbor(models.Model):
    """The item-to-item model learned from behaviour: for each item, its top neighbours and how
    strongly shoppers who engaged with one engaged with the other. Replaced wholesale by the
    periodic recomputation."""

    item = models.ForeignKey("content.Item", on_delete=models.CASCADE, related_name="+", db_index=False)
    neighbor = models.ForeignKey("content.Item", on_delete=models.CASCADE, related_name="+", db_index=False)
    score = models.FloatField()

    class Meta:
        verbose_name = "相似内容"
        verbose_name_plural = "相似内容"
        indexes = [models.Index(fields=["item", "-score"])]

    def __str__(self) -> str:
        return f"{self.item_id} ~ {self.neighbor_id} {self.score:.3f}"


class WorthList(models.Model):
    """A materialised 值得买 list: overall or per top-level interest, for today or this week.
    Readers only ever see the current snapshot of each (slug, period)."""

    slug = models.SlugField(max_length=64, help_text=f"{OVERALL} 或一级兴趣")
    period = models.CharField(max_length=8, choices=list(PERIODS.items()))
    created_at = models.DateTimeField(auto_now_add=True)
    is_current = models.BooleanField(default=True)

    class Meta:
        verbose_name = "值得买榜单"
        verbose_name_plural = "值得买榜单"
        constraints = [
            models.UniqueConstraint(fields=["slug", "period"], condition=models.Q(is_current=True),
                                    name="one_current_list_per_slug_and_period"),
        ]

    def __str__(self) -> str:
        return f"{self.slug} {self.get_period_display()} {self.created_at:%Y-%m-%d %H:%M}"


class WorthListEntry(models.Model):
    worth_list = models.ForeignKey(WorthList, on_delete=models.CASCADE, related_name="entries")
    rank = models.PositiveSmallIntegerField()
    item = models.ForeignKey("content.Item", on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    components = models.JSONField(default=dict, help_text="公式各项，供解释与审计")
    pinned = models.BooleanField(default=False)

    class Meta:
        verbose_name = "榜单条目"
        verbose_name_plural = "榜单条目"
        ordering = ["rank"]
        constraints = [models.UniqueConstraint(fields=["worth_list", "rank"], name="one_item_per_rank")]

    def __str__(self) -> str:
        return f"#{self.rank} {self.item_id}"


class ListOverride(models.Model):
    """An editor's pin (at a position) or removal of an item on a list; applied at every
    materialisation until deleted."""

    ACTIONS = {"pin": "置顶 / 固定位置", "remove": "移出榜单"}
    slug = models.SlugField(max_length=64)
    period = models.CharField(max_length=8, choices=list(PERIODS.items()), blank=True, help_text="留空则两个周期都适用")
    item = models.ForeignKey("content.Item", on_delete=models.CASCADE, related_name="+")
    action = models.CharField(max_length=8, choices=list(ACTIONS.items()))
    position = models.PositiveSmallIntegerField(default=1, help_text="置顶到第几位（1 起）")
    reason = models.CharField(max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "榜单人工调整"
        verbose_name_plural = "榜单人工调整"
        constraints = [models.UniqueConstraint(fields=["slug", "period", "item"], name="one_override_per_item_on_list")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.item_id} @ {self.slug}"
