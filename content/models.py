from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from content.constants import ITEM_KINDS, ITEM_STATUSES, PLATFORMS, REASON_CODES, choices
from content.scoring.dimensions import DIMENSIONS
from content.sources import ADAPTERS


class Source(models.Model):
    """Where items come from: a feed, a page, a bulk file or a partner pushing through the API."""

    name = models.SlugField(max_length=64, unique=True, help_text="短名，命令行和日志里用")
    title = models.CharField(max_length=100, blank=True)
    platform = models.CharField(max_length=20, choices=choices(PLATFORMS), default="other")
    adapter = models.CharField(max_length=10, choices=[(name, a.label) for name, a in ADAPTERS.items()], default="push")
    url = models.URLField(max_length=2000, blank=True, help_text="订阅或页面地址（rss / page）")
    trust_level = models.PositiveSmallIntegerField(default=50, help_text="0–100，越高越可信")
    is_active = models.BooleanField(default=True)
    key_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    # Polling state (rss / page sources).
    poll_interval_minutes = models.PositiveIntegerField(default=30)
    next_poll_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_error = models.TextField(blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "来源"
        verbose_name_plural = "来源"
        constraints = [
            models.CheckConstraint(condition=Q(trust_level__lte=100), name="source_trust_level_0_100"),
        ]

    def __str__(self) -> str:
        return self.title or self.name


class Author(models.Model):
    platform = models.CharField(max_length=20, choices=choices(PLATFORMS))
    external_id = models.CharField(max_length=255)
    name = models.CharField(max_length=200, blank=True)
    followers = models.PositiveBigIntegerField(default=0)
    verified = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "作者"
        verbose_name_plural = "作者"
        constraints = [
            models.UniqueConstraint(fields=["platform", "external_id"], name="author_unique_per_platform"),
        ]

    def __str__(self) -> str:
        return f"{self.name or self.external_id} ({self.get_platform_display()})"


class Item(models.Model):
    """One piece of consumption content: a deal, review, note, article or video."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="items")
    external_id = models.CharField(max_length=255)
    kind = models.CharField(max_length=10, choices=choices(ITEM_KINDS), default="note")
    title = models.CharField(max_length=300)
    body_html = models.TextField(blank=True, help_text="清洗后的 HTML")
    body_text = models.TextField(blank=True, help_text="供分析用的纯文本")
    url = models.URLField(max_length=2000, help_text="来源给出的地址")
    canonical_url = models.URLField(max_length=2000)
    canonical_url_hash = models.CharField(max_length=40, unique=True, editable=False)
    author = models.ForeignKey(Author, null=True, blank=True, on_delete=models.SET_NULL, related_name="items")
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    fetched_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    price = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    original_price = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, default="CNY")
    merchant = models.CharField(max_length=100, blank=True)
    brand = models.CharField(max_length=100, blank=True, db_index=True)
    product = models.CharField(max_length=200, blank=True, db_index=True)
    # brand + product folded (case, width, spaces): offers of the same product share it.
    product_key = models.CharField(max_length=300, blank=True, editable=False)
    expires_at = models.DateTimeField(null=True, blank=True)
    images = models.JSONField(default=list, blank=True)
    metrics = models.JSONField(default=dict, blank=True)

    status = models.CharField(max_length=10, choices=choices(ITEM_STATUSES), default="pending", db_index=True)
    # Set by every editor decision (content.moderation.decisions); automatic gatekeeping never
    # overrides an editor.
    moderated_at = models.DateTimeField(null=True, blank=True, editable=False)
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", editable=False)
    moderation_reason = models.CharField(max_length=12, choices=choices(REASON_CODES), blank=True, editable=False)
    # Bumped by every decision: a decision made on an older version is refused (409), never a
    # silent overwrite of what another editor just did.
    version = models.PositiveIntegerField(default=1, editable=False)
    # The tag vocabularies an editor has set ("interests", "scenarios"): scoring leaves them alone,
    # so an automatic tag the editor removed stays removed.
    editor_tagged = models.JSONField(default=list, blank=True, editable=False)
    sponsored = models.BooleanField(default=False)

    # Near-duplicate detection: MinHash signature of the normalised text, and an exact-text hash.
    fingerprint = models.BinaryField(null=True, blank=True, editable=False)
    content_hash = models.CharField(max_length=40, blank=True, db_index=True, editable=False)
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    duplicate_similarity = models.FloatField(null=True, blank=True)

    class Meta:
        verbose_name = "内容"
        verbose_name_plural = "内容"
        constraints = [
            models.UniqueConstraint(fields=["source", "external_id"], name="item_unique_per_source"),
        ]
        # A product's lowest prices, overall and at other merchants (content.scoring.context).
        indexes = [models.Index(fields=["product_key", "currency", "price"], name="item_product_price"),
                   models.Index(fields=["product_key", "currency", "merchant", "price"], name="item_product_merchant")]
        permissions = [("moderate_item", "可以审核内容（通过、拒绝、精选、合并、改标签、标记推广）")]

    def __str__(self) -> str:
        return self.title


class ItemBand(models.Model):
    """One LSH band key of an item's MinHash signature: the persisted near-duplicate index.

    Items sharing any band key are candidates; candidates are verified on their text before
    being called duplicates. A B-tree on (key, item) keeps lookup sub-linear in the number of items.
    """

    # No database constraint: only the ingest transaction that stores an item writes its bands,
    # and deleting an item deletes them (Django's cascade). Checking the key for each of the
    # 12,000 rows of a 500-item batch cost more than inserting them (PostgreSQL, measured).
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="bands", db_constraint=False)
    key = models.BigIntegerField()

    class Meta:
        # A key's earliest items are read straight off this index (content.ingest_rows.band_matches).
        indexes = [models.Index(fields=["key", "item"], name="band_key_item")]
        verbose_name = "去重索引"
        verbose_name_plural = "去重索引"

    def __str__(self) -> str:
        return f"{self.item_id}:{self.key}"

class Vote(models.Model):
    """A shopper's 值 (+1) or 不值 (-1) on an item: one per shopper per item."""

    WORTH, NOT_WORTH = 1, -1
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="votes")
    value = models.SmallIntegerField(choices=[(WORTH, "值"), (NOT_WORTH, "不值")])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "值 / 不值投票"
        verbose_name_plural = "值 / 不值投票"
        constraints = [
            models.UniqueConstraint(fields=["item", "user"], name="one_vote_per_user_per_item"),
            models.CheckConstraint(condition=Q(value__in=[1, -1]), name="vote_value_is_plus_or_minus_one"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.get_value_display()} {self.item_id}"

class ScoringProfile(models.Model):
    """Weights of the twelve dimensions and the gatekeeping thresholds.

    Rows are versions: saving a change in the admin stores a new version and makes it the
    active one, so every score can say which weights made it."""

    version = models.PositiveIntegerField(unique=True, null=True, editable=False, help_text="启用时编号；草稿没有")
    name = models.CharField(max_length=100, default="默认")
    note = models.TextField(blank=True, help_text="这次调整的原因")
    weights = models.JSONField(help_text="每个维度的权重（≥ 0）")
    approve_min_worth = models.FloatField(default=62, help_text="值得买指数至少多少才自动通过")
    approve_min_reliability = models.FloatField(default=45)
    approve_min_objectivity = models.FloatField(default=55)
    reject_max_relevance = models.FloatField(default=20, help_text="消费相关性低于此值且客观度也低：判为垃圾内容")
    reject_max_objectivity = models.FloatField(default=30)
    is_active = models.BooleanField(default=False)
    is_draft = models.BooleanField(default=False, help_text="草稿：预览后由编辑显式启用")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False)
    activated_at = models.DateTimeField(null=True, blank=True, editable=False)
    activated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     editable=False, related_name="+")

    class Meta:
        verbose_name = "评分方案"
        verbose_name_plural = "评分方案"
        ordering = ["-created_at", "-pk"]
        permissions = [("activate_scoringprofile", "可以启用评分方案")]
        constraints = [
            models.UniqueConstraint(fields=["is_active"], condition=Q(is_active=True), name="one_active_scoring_profile"),
        ]

    def __str__(self) -> str:
        if self.is_draft:
            return f"{self.name}（草稿 #{self.pk}）"
        return f"{self.name} v{self.version}" + ("（当前）" if self.is_active else "")


class ItemScore(models.Model):
    """The AIUC scores of one item: the twelve dimensions (0–100), their explanations, the
    值得买 index under a profile version, and the gatekeeping decision. One row per item,
    rewritten by every scoring pass."""

    GATES = {"approve": "自动通过", "reject": "自动拒绝", "queue": "待编辑审核"}

    item = models.OneToOneField(Item, on_delete=models.CASCADE, primary_key=True, related_name="score")
    explanations = models.JSONField(default=dict)
    worth_score = models.FloatField(db_index=True)
    scorer_version = models.CharField(max_length=40, db_index=True)
    profile_version = models.PositiveIntegerField()
    scored_at = models.DateTimeField(db_index=True)
    gate = models.CharField(max_length=10, choices=list(GATES.items()))
    gate_reason = models.CharField(max_length=200, blank=True)
    risk = models.FloatField(default=0, db_index=True, help_text="0–100：编辑队列的优先级")
    notes = models.JSONField(default=list, blank=True, help_text="评分时的提醒，例如正文过长只分析了开头")

    class Meta:
        verbose_name = "评分"
        verbose_name_plural = "评分"

    def __str__(self) -> str:
        return f"{self.item_id} 值得买指数 {self.worth_score}"


# One column per dimension, derived from the single list of keys: filterable and orderable.
for _key, _label in DIMENSIONS.items():
    ItemScore.add_to_class(_key, models.FloatField(verbose_name=_label, db_index=True))


class Favorite(models.Model):
    """A shopper's saved item."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="favorites")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="favorites")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "收藏"
        verbose_name_plural = "收藏"
        constraints = [models.UniqueConstraint(fields=["item", "user"], name="one_favorite_per_user_per_item")]

    def __str__(self) -> str:
        return f"{self.user_id} ♥ {self.item_id}"


class Feedback(models.Model):
    """A shopper's report about an item (with one of the shared reason codes: 软文, 已过期 / 售罄 …),
    or an appeal against a decision about it; editors answer it, and an open report brings the
    item back into the editors' queue. At most one open feedback per shopper per item."""

    KINDS = {"complaint": "举报", "appeal": "申诉"}
    CATEGORIES = REASON_CODES  # the reason codes editors reject with
    STATUSES = {"open": "待处理", "answered": "已答复"}
    MAX_REASON = 500
    MAX_ANSWER = 2000

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="feedback")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feedback")
    kind = models.CharField("类型", max_length=10, choices=list(KINDS.items()), default="complaint")
    category = models.CharField("问题", max_length=20, choices=list(CATEGORIES.items()), default="other")
    reason = models.TextField("理由", max_length=MAX_REASON)
    status = models.CharField("状态", max_length=10, choices=list(STATUSES.items()), default="open", db_index=True)
    created_at = models.DateTimeField("提交时间", auto_now_add=True, db_index=True)
    answer = models.TextField("答复", max_length=MAX_ANSWER, blank=True,
                              help_text="填写后保存即答复用户，用户在「我的举报与申诉」里看到")
    answered_at = models.DateTimeField("答复时间", null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name="答复人")

    class Meta:
        verbose_name = "举报与申诉"
        verbose_name_plural = "举报与申诉"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["item", "user"], condition=Q(status="open"),
                                    name="one_open_feedback_per_user_per_item"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}（{self.get_category_display()}）"


class AuditRecord(models.Model):
    """One change an editor made: a decision on an item, a list override, a scoring-profile
    change. Append-only: the product never edits or deletes a record (the admin shows them read
    only). Who decided is kept for accountability; the public transparency log never shows it."""

    TARGETS = {"item": "内容", "list": "榜单", "scoring_profile": "评分方案"}

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    actor_name = models.CharField(max_length=150, blank=True, help_text="账号删除后仍可追溯")
    action = models.CharField(max_length=20, db_index=True)
    target_type = models.CharField(max_length=20, choices=list(TARGETS.items()))
    target_id = models.CharField(max_length=64)
    # Not a database constraint: the record outlives the item.
    item = models.ForeignKey(Item, null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False,
                             related_name="+")
    title = models.CharField(max_length=300, blank=True, help_text="当时的标题")
    reason = models.CharField(max_length=12, choices=choices(REASON_CODES), blank=True)
    note = models.TextField(blank=True)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    public = models.BooleanField(default=False, db_index=True, help_text="是否出现在公开的透明度日志")

    class Meta:
        verbose_name = "审核记录"
        verbose_name_plural = "审核记录"
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.target_type}:{self.target_id}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise PermissionError("审核记录不可修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("审核记录不可删除")


class ItemSearch(models.Model):
    """An item's search document: the scoring pass's tokens as index terms (content.search.terms),
    written where its scores are stored, so text is segmented once. The full-text index over
    these columns is the database's own: a generated tsvector column with a GIN index on
    PostgreSQL, an FTS5 table kept in step by triggers on SQLite (migration 0007)."""

    item = models.OneToOneField(Item, on_delete=models.CASCADE, primary_key=True, related_name="search_document")
    title_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    subword_terms = models.TextField(blank=True, help_text="长词里的词典子词（搜索模式）")
    indexed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "搜索文档"
        verbose_name_plural = "搜索文档"

    def __str__(self) -> str:
        return f"{self.item_id}: {self.title_terms[:40]}"
