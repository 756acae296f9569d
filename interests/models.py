import uuid

from django.conf import settings
from django.db import models

from interests.constants import EVENT_TYPES, INTEREST_STATES


class Interest(models.Model):
    """A node of the interest taxonomy: one of the fixed top levels (DESIGN §5) or a child.

    `keywords` is the lexicon the tagger matches: [[word, weight], ...] with weight in (0, 1].
    """

    slug = models.SlugField(max_length=64, unique=True, verbose_name="标识")
    name = models.CharField(max_length=50, verbose_name="名称")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name="上级兴趣"
    )
    description = models.CharField(max_length=200, blank=True, verbose_name="说明")
    keywords = models.JSONField(default=list, blank=True, verbose_name="关键词")
    is_active = models.BooleanField(default=True, verbose_name="启用")
    sort_order = models.PositiveIntegerField(default=0, verbose_name="排序")

    class Meta:
        verbose_name = "兴趣"
        verbose_name_plural = "兴趣"
        ordering = ["sort_order", "slug"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_top_level(self) -> bool:
        return self.parent_id is None

    @property
    def top_level_slug(self) -> str:
        return self.slug if self.parent_id is None else self.parent.slug


class Scenario(models.Model):
    """A usage scenario (通勤, 露营出行, 送礼 …): an item tag and a request-context hint.

    `context_hints` says when the scenario fits a request: {"months": [1-12], "weekdays":
    [0 = Monday … 6], "hours": [0-23], "date_windows": [["MM-DD", "MM-DD"], …]}; empty = any.
    """

    slug = models.SlugField(max_length=64, unique=True, verbose_name="标识")
    name = models.CharField(max_length=50, verbose_name="名称")
    description = models.CharField(max_length=200, blank=True, verbose_name="说明")
    keywords = models.JSONField(default=list, blank=True, verbose_name="关键词")
    context_hints = models.JSONField(default=dict, blank=True, verbose_name="适用时段")
    is_active = models.BooleanField(default=True, verbose_name="启用")
    sort_order = models.PositiveIntegerField(default=0, verbose_name="排序")

    class Meta:
        verbose_name = "场景"
        verbose_name_plural = "场景"
        ordering = ["sort_order", "slug"]

    def __str__(self) -> str:
        return self.name


TAG_ORIGINS = {"lexicon": "关键词", "classifier": "模型", "editor": "编辑"}


class ItemInterest(models.Model):
    """An interest an item is tagged with, and how strongly. Automatic tags are replaced by
    every scoring pass; an editor's tag stays until an editor changes it."""

    item = models.ForeignKey("content.Item", on_delete=models.CASCADE, related_name="interest_tags")
    interest = models.ForeignKey(Interest, on_delete=models.CASCADE, related_name="item_tags")
    weight = models.FloatField()
    origin = models.CharField(max_length=10, choices=list(TAG_ORIGINS.items()), default="lexicon")
    matched = models.JSONField(default=list, blank=True, verbose_name="命中的关键词")

    class Meta:
        verbose_name = "内容兴趣标签"
        verbose_name_plural = "内容兴趣标签"
        ordering = ["-weight"]
        constraints = [models.UniqueConstraint(fields=["item", "interest"], name="one_tag_per_item_interest")]
        indexes = [models.Index(fields=["interest", "-weight"])]

    def __str__(self) -> str:
        return f"{self.item_id} {self.interest_id} {self.weight:.2f}"

class ItemScenario(models.Model):
    """A scenario an item is tagged with; like ItemInterest, an editor's tags survive scoring."""

    item = models.ForeignKey("content.Item", on_delete=models.CASCADE, related_name="scenario_tags")
    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="item_tags")
    weight = models.FloatField()
    origin = models.CharField(max_length=10, choices=list(TAG_ORIGINS.items()), default="lexicon")
    matched = models.JSONField(default=list, blank=True, verbose_name="命中的关键词")

    class Meta:
        verbose_name = "内容场景标签"
        verbose_name_plural = "内容场景标签"
        ordering = ["-weight"]
        constraints = [models.UniqueConstraint(fields=["item", "scenario"], name="one_tag_per_item_scenario")]

    def __str__(self) -> str:
        return f"{self.item_id} {self.scenario_id} {self.weight:.2f}"


class Event(models.Model):
    """One behaviour event from a signed-in shopper or an anonymous visitor. Append-only."""

    # The composite indexes below serve lookups by user and by item; separate FK indexes would
    # only slow down the inserts.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="events", db_index=False)
    anonymous_id = models.CharField(max_length=64, blank=True, db_index=True)
    type = models.CharField(max_length=20, choices=list(EVENT_TYPES.items()))
    item = models.ForeignKey("content.Item", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="events", db_index=False)
    ts = models.DateTimeField(help_text="发生时间（客户端）")
    received_at = models.DateTimeField(auto_now_add=True)
    dwell_ms = models.PositiveIntegerField(null=True, blank=True)
    query = models.CharField(max_length=200, blank=True)
    context = models.JSONField(default=dict, blank=True, help_text="场景、城市、页面、位置等请求上下文")

    class Meta:
        verbose_name = "行为事件"
        verbose_name_plural = "行为事件"
        indexes = [
            models.Index(fields=["user", "id"]),
            models.Index(fields=["item", "type", "ts"]),
            models.Index(fields=["ts"]),
        ]

    def __str__(self) -> str:
        return f"{self.user_id or self.anonymous_id} {self.type} {self.item_id or self.query}"


class ShopperProfile(models.Model):
    """A shopper's settings and the cursor of their incrementally updated interest profile."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shopper_profile")
    personalization_enabled = models.BooleanField(default=True, verbose_name="个性化推荐")
    onboarded_at = models.DateTimeField(null=True, blank=True)
    last_event_id = models.BigIntegerField(default=0, help_text="已计入画像的最后一个事件")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "购物者画像设置"
        verbose_name_plural = "购物者画像设置"

    def __str__(self) -> str:
        return str(self.user)


class UserInterest(models.Model):
    """One interest held about a shopper: a decayed score, its state, and what it rests on.

    `score` is valid at `scored_at` and decays from there with the configured half-life.
    `evidence` counts the events behind it by type (and the searches), so the shopper can be told
    why it exists. A deleted interest stays deleted: later events do not bring it back unless the
    shopper follows it again."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interest_profile")
    interest = models.ForeignKey(Interest, on_delete=models.CASCADE, related_name="user_interests")
    score = models.FloatField(default=0.0)
    scored_at = models.DateTimeField()
    state = models.CharField(max_length=10, choices=list(INTEREST_STATES.items()), default="auto")
    evidence = models.JSONField(default=dict, blank=True)
    origin = models.CharField(max_length=20, blank=True, help_text="onboarding 表示注册时选择")

    class Meta:
        verbose_name = "用户兴趣"
        verbose_name_plural = "用户兴趣"
        constraints = [models.UniqueConstraint(fields=["user", "interest"], name="one_row_per_user_interest")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.interest_id} {self.state} {self.score:.2f}"


class KeywordAlert(models.Model):
    """A shopper follows a query (with an optional price ceiling and 值得买 threshold): each item
    that matches and is approved brings one notification. `groups` is the query as the search
    segments it (content.search.terms); `anchor` is one term every match must hold, indexed, so
    newly approved items find their alerts in one lookup (interests.alerts)."""

    MAX_PER_SHOPPER = 30

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="keyword_alerts")
    query = models.CharField("关键词", max_length=100)
    groups = models.JSONField(default=list, editable=False)
    anchor = models.CharField(max_length=64, db_index=True, editable=False)
    price_max = models.DecimalField("最高价", max_digits=12, decimal_places=2, null=True, blank=True)
    worth_min = models.FloatField("最低值得买指数", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "关键词提醒"
        verbose_name_plural = "关键词提醒"
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["user", "query"], name="one_alert_per_user_query")]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.query}"


class Notification(models.Model):
    """An in-site notification: an item that matched one of the shopper's keyword alerts. One
    per alert and item, however often the item is approved, featured or rescored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    alert = models.ForeignKey(KeywordAlert, null=True, blank=True, on_delete=models.SET_NULL, related_name="notifications")
    item = models.ForeignKey("content.Item", on_delete=models.CASCADE, related_name="+")
    message = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "站内通知"
        verbose_name_plural = "站内通知"
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["alert", "item"], name="one_notification_per_alert_item")]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.message}"


RECIPIENTS = {
    "": "不限",
    "partner_female": "女朋友 / 老婆",
    "partner_male": "男朋友 / 老公",
    "parents": "爸妈 / 长辈",
    "kids": "孩子",
    "friend": "朋友 / 同事",
}


class KitTemplate(models.Model):
    """What a scenario's kit is made of (露营: 帐篷、睡袋、防潮垫、炉具、营地灯 …; 送礼 by recipient),
    for the assistant's integrated solutions. Seeded by a data migration, edited in the admin."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="kits", verbose_name="场景")
    recipient = models.CharField("送给谁", max_length=20, blank=True, choices=list(RECIPIENTS.items()))
    name = models.CharField("名称", max_length=50)
    description = models.CharField("说明", max_length=200, blank=True)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "场景清单模板"
        verbose_name_plural = "场景清单模板"
        ordering = ["scenario__sort_order", "recipient"]
        constraints = [models.UniqueConstraint(fields=["scenario", "recipient"], name="one_kit_per_scenario_recipient")]

    def __str__(self) -> str:
        return self.name


class KitSlot(models.Model):
    """One thing a kit needs, and the words that name it in an item's title (its lexicon)."""

    kit = models.ForeignKey(KitTemplate, on_delete=models.CASCADE, related_name="slots")
    slug = models.SlugField("标识", max_length=40)
    name = models.CharField("名称", max_length=30)
    keywords = models.JSONField("关键词", default=list, help_text="标题里出现这些词之一的内容可以放进这一格")
    required = models.BooleanField("必备", default=True, help_text="否：只在顾客要求时加入（如「再加一个炉子」）")
    implies_scenario = models.BooleanField("说明场景", default=False, help_text="这一格的词本身就说明了场景（睡袋 → 露营）")
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "清单栏目"
        verbose_name_plural = "清单栏目"
        ordering = ["sort_order", "pk"]
        constraints = [models.UniqueConstraint(fields=["kit", "slug"], name="one_slot_slug_per_kit")]

    def __str__(self) -> str:
        return self.name


class Conversation(models.Model):
    """A conversation with the 小值 assistant: the shopper's or the anonymous visitor's who
    started it (another's id answers 404), and the state refinements build on."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="assistant_conversations")
    anonymous_id = models.CharField(max_length=64, blank=True, db_index=True)
    state = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "小值对话"
        verbose_name_plural = "小值对话"

    def __str__(self) -> str:
        return str(self.public_id)


class ConversationTurn(models.Model):
    """One message of the shopper and the assistant's answer to it."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="turns")
    message = models.TextField()
    reply = models.TextField()
    intent = models.JSONField(default=dict)
    solution = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "对话轮次"
        verbose_name_plural = "对话轮次"
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.message[:40]


class ShopperValues(models.Model):
    """Which AIUC dimensions a shopper weighs (interests.values): what her engagement taught
    (`learned`, every dimension −1..1, with the means it rests on), what she chose herself
    (`chosen`, only the dimensions she named), and which of the two the feed uses (`mode`)."""

    MODES = {"learned": "根据行为学习", "chosen": "我自己设定", "off": "不使用"}

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shopper_values")
    mode = models.CharField(max_length=10, choices=list(MODES.items()), default="learned")
    learned = models.JSONField(default=dict, blank=True, help_text="维度 → −1..1")
    means = models.JSONField(default=dict, blank=True, help_text="维度 → [点开的平均分, 略过的平均分]")
    engaged_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)
    learned_at = models.DateTimeField(null=True, blank=True)
    chosen = models.JSONField(default=dict, blank=True, help_text="维度 → −1..1，购物者自己设定的")
    chosen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "看重的维度"
        verbose_name_plural = "看重的维度"

    def __str__(self) -> str:
        return f"{self.user_id} {self.mode}"
