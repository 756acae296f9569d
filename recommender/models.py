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


# Brands, campaigns and their statistics ------------------------------------------------------

class Brand(models.Model):
    """A brand that runs campaigns and reads their statistics. `aliases` are the other names it
    goes by (戴森 / Dyson), matched case-insensitively against Item.brand together with `name`."""

    name = models.CharField("名称", max_length=100, unique=True)
    slug = models.SlugField("标识", max_length=64, unique=True, help_text="品牌后台网址里用，例如 narwal")
    aliases = models.JSONField("别名", default=list, blank=True, help_text='例如 ["Dyson"]')
    is_active = models.BooleanField("启用", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, through="BrandMember", related_name="brands", blank=True)

    class Meta:
        verbose_name = "品牌"
        verbose_name_plural = "品牌"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def names(self) -> list[str]:
        """Every name the brand goes by, its own first."""
        return [self.name, *(a for a in self.aliases if isinstance(a, str) and a.strip() and a != self.name)]


class BrandMember(models.Model):
    """A user who works for a brand: sees its dashboard and cannot vote 值 / 不值."""

    brand = models.ForeignKey(Brand, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="brand_memberships")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "品牌成员"
        verbose_name_plural = "品牌成员"
        constraints = [models.UniqueConstraint(fields=["brand", "user"], name="one_membership_per_brand_and_user")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.brand}"


class BrandKey(models.Model):
    """A brand's API key (`gb_…`): only its hash is stored; the raw key is shown once."""

    brand = models.ForeignKey(Brand, on_delete=models.CASCADE, related_name="keys")
    name = models.CharField("名称", max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "品牌 API 密钥"
        verbose_name_plural = "品牌 API 密钥"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.brand} · {self.name}"


class Campaign(models.Model):
    """A brand's campaign: its confirmed items are sponsored (labelled 广告 / 推广) and placed in
    feeds from `starts_on` to `ends_on` (both inclusive, local dates), within the daily cap on
    served placements and the per-shopper daily frequency cap."""

    MAX_DAILY_CAP = 10_000_000
    MAX_FREQUENCY_CAP = 50

    brand = models.ForeignKey(Brand, on_delete=models.CASCADE, related_name="campaigns")
    name = models.CharField("名称", max_length=100)
    starts_on = models.DateField("开始日期")
    ends_on = models.DateField("结束日期")
    target_interests = models.ManyToManyField("interests.Interest", blank=True, related_name="+", verbose_name="目标兴趣")
    target_scenarios = models.ManyToManyField("interests.Scenario", blank=True, related_name="+", verbose_name="目标场景")
    daily_impression_cap = models.PositiveIntegerField("每日曝光上限", default=1000,
                                                       help_text="每天最多向多少人次（按人、内容去重）展示")
    frequency_cap = models.PositiveSmallIntegerField("每人每日频次上限", default=3,
                                                     help_text="同一位用户每天最多看到本活动几次")
    is_paused = models.BooleanField("暂停", default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "推广活动"
        verbose_name_plural = "推广活动"
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="campaign_ends_after_start"),
            models.CheckConstraint(condition=models.Q(daily_impression_cap__gte=1, daily_impression_cap__lte=10_000_000),
                                   name="campaign_daily_cap_in_range"),
            models.CheckConstraint(condition=models.Q(frequency_cap__gte=1, frequency_cap__lte=50),
                                   name="campaign_frequency_cap_in_range"),
        ]

    def __str__(self) -> str:
        return f"{self.brand} · {self.name}"


class CampaignItem(models.Model):
    """An item in a campaign: chosen explicitly (confirmed at once) or proposed by a brand /
    product match and waiting for an editor. `applied` records that the campaign, not the
    source, set Item.sponsored, so that only what it set is undone when it ends."""

    ORIGINS = {"explicit": "指定", "match": "品牌匹配推荐"}
    STATES = {"proposed": "待编辑确认", "confirmed": "已确认", "rejected": "已拒绝"}

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="items")
    item = models.ForeignKey("content.Item", on_delete=models.CASCADE, related_name="campaign_entries")
    origin = models.CharField(max_length=10, choices=list(ORIGINS.items()), default="explicit")
    state = models.CharField(max_length=10, choices=list(STATES.items()), default="confirmed")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    applied = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "活动内容"
        verbose_name_plural = "活动内容"
        constraints = [models.UniqueConstraint(fields=["campaign", "item"], name="one_entry_per_campaign_and_item")]
        indexes = [models.Index(fields=["state", "campaign"])]

    def __str__(self) -> str:
        return f"{self.campaign_id} {self.item_id} {self.state}"


class ServedPlacement(models.Model):
    """The server served a campaign's card to an identity (a user or an anonymous id): once per
    identity, item and day. Impressions, clicks and click-outs count only against one of these.
    Personal data: kept RETENTION days, deleted with the user."""

    identity = models.CharField(max_length=72)  # "u<user id>" or "a<anonymous id>"
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="+", db_index=False)
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey("content.Item", on_delete=models.CASCADE, related_name="+", db_index=False)
    day = models.DateField()
    served_at = models.DateTimeField()
    interest = models.CharField(max_length=64, blank=True, help_text="计入哪个兴趣圈")
    impressed = models.BooleanField(default=False)
    clicked = models.BooleanField(default=False)
    clicked_out = models.BooleanField(default=False)
    engaged = models.BooleanField(default=False)

    class Meta:
        verbose_name = "推广展示记录"
        verbose_name_plural = "推广展示记录"
        constraints = [models.UniqueConstraint(fields=["identity", "item", "day"], name="one_placement_per_identity_item_day")]
        indexes = [models.Index(fields=["campaign", "day", "identity"]), models.Index(fields=["day"]),
                   models.Index(fields=["user"])]

    def __str__(self) -> str:
        return f"{self.identity} {self.item_id} {self.day}"


class CampaignStat(models.Model):
    """One day of one campaign's item in one interest circle, rolled up from served placements
    and events. Anonymous and final once the day is closed: nothing here points at a shopper.
    `shoppers` are the distinct identities served (equal to `served` at this grain)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    interest = models.CharField(max_length=64, blank=True)
    # Statistics outlive the item they describe: no foreign-key constraint, no cascade.
    item = models.ForeignKey("content.Item", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    platform = models.CharField(max_length=20, blank=True)
    served = models.PositiveIntegerField(default=0)
    impressions = models.PositiveIntegerField(default=0)
    clicks = models.PositiveIntegerField(default=0)
    click_outs = models.PositiveIntegerField(default=0)
    engagements = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "活动日统计"
        verbose_name_plural = "活动日统计"
        constraints = [models.UniqueConstraint(fields=["campaign", "day", "interest", "item"], name="one_stat_per_cell")]

    def __str__(self) -> str:
        return f"{self.campaign_id} {self.day} {self.interest} {self.item_id}"


class CampaignReach(models.Model):
    """Distinct shoppers served a campaign on a day: overall (dimension "total"), per interest
    circle and per platform. Counted at roll-up time; not additive across days."""

    DIMENSIONS = ("total", "interest", "platform")
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    dimension = models.CharField(max_length=10)
    key = models.CharField(max_length=64, blank=True)
    shoppers = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "活动日触达"
        verbose_name_plural = "活动日触达"
        constraints = [models.UniqueConstraint(fields=["campaign", "day", "dimension", "key"], name="one_reach_per_cell")]

    def __str__(self) -> str:
        return f"{self.campaign_id} {self.day} {self.dimension}:{self.key} {self.shoppers}"


class StatsCursor(models.Model):
    """How far the campaign roll-up has read a log (served placements, events): each row is
    counted once, whenever it arrives."""

    name = models.CharField(max_length=40, unique=True)
    position = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "统计游标"
        verbose_name_plural = "统计游标"

    def __str__(self) -> str:
        return f"{self.name} @ {self.position}"
