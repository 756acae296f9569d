from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from content.feedback import feedback_answer
from content.models import Author, Feedback, Item, ItemScore, ScoringProfile, Source
from content.scoring.admin_forms import ScoringProfileForm
from content.scoring.dimensions import DIMENSION_KEYS
from content.scoring.profile import profile_create_version
from content.services import source_rotate_key
from guide.roles import is_editor


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = [
        "name", "title", "platform", "adapter", "trust_level", "is_active", "last_success_at",
        "consecutive_failures", "last_error_at",
    ]
    list_filter = ["platform", "adapter", "is_active"]
    search_fields = ["name", "title", "url"]
    readonly_fields = [
        "created_at", "last_polled_at", "last_success_at", "etag", "last_modified", "last_error",
        "last_error_at", "consecutive_failures",
    ]
    actions = ["rotate_key", "poll_now"]

    @admin.action(description="重新生成推送密钥（旧密钥立即失效）")
    def rotate_key(self, request: HttpRequest, queryset: QuerySet[Source]) -> None:
        for source in queryset:
            raw = source_rotate_key(source=source)
            self.message_user(request, f"{source.name} 的新密钥（只显示这一次）：{raw}", messages.WARNING)

    @admin.action(description="立即抓取")
    def poll_now(self, request: HttpRequest, queryset: QuerySet[Source]) -> None:
        from content.tasks import poll_source

        for source in queryset:
            poll_source.delay(source.pk)
        self.message_user(request, f"已排队抓取 {queryset.count()} 个来源。")


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "platform", "external_id", "followers", "verified"]
    list_filter = ["platform", "verified"]
    search_fields = ["name", "external_id"]


class ItemScoreInline(admin.StackedInline):
    model = ItemScore
    can_delete = False
    readonly_fields = ["worth_score", *DIMENSION_KEYS, "explanations", "gate", "gate_reason", "risk", "notes",
                       "scorer_version", "profile_version", "scored_at"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    inlines = [ItemScoreInline]
    list_display = ["title", "kind", "source", "status", "price", "published_at", "duplicate_of", "sponsored"]
    list_filter = ["status", "kind", "source__platform", "sponsored"]
    search_fields = ["title", "external_id", "brand", "product"]
    raw_id_fields = ["author", "duplicate_of"]
    readonly_fields = ["canonical_url", "fetched_at", "updated_at", "content_hash", "duplicate_similarity"]
    date_hierarchy = "published_at"


@admin.register(ScoringProfile)
class ScoringProfileAdmin(admin.ModelAdmin):
    """Saving always stores a new version and makes it active; old versions stay for the record."""

    form = ScoringProfileForm
    list_display = ["version", "name", "is_active", "approve_min_worth", "created_at", "created_by"]
    actions = ["rescore_everything"]

    def save_model(self, request: HttpRequest, obj: ScoringProfile, form, change: bool) -> None:
        values = {name: form.cleaned_data[name] for name in ScoringProfileForm.Meta.fields}
        new = profile_create_version(values={**values, "weights": form.cleaned_data["weights"]}, created_by=request.user)
        obj.pk, obj.version = new.pk, new.version
        self.message_user(request, f"已保存为 v{new.version} 并启用。要让已有内容按新方案计分，请对它执行「全部重新评分」。")

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description="全部重新评分（排队到评分队列）")
    def rescore_everything(self, request: HttpRequest, queryset: QuerySet[ScoringProfile]) -> None:
        from content.ingest import queue_scoring

        ids = list(Item.objects.values_list("pk", flat=True))
        queue_scoring(ids)
        self.message_user(request, f"已排队重新评分 {len(ids)} 条内容。")


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    """Editors answer complaints and appeals here: write the answer and save; the shopper sees
    it on their 「我的投诉与申诉」 page. Everything the shopper wrote stays as they wrote it."""

    list_display = ["__str__", "kind", "category", "item", "user", "status", "created_at", "answered_at"]
    list_filter = ["status", "kind", "category", "created_at"]
    search_fields = ["reason", "answer", "item__title", "user__username"]
    list_select_related = ["item", "user"]
    date_hierarchy = "created_at"
    readonly_fields = ["item", "user", "kind", "category", "reason", "status", "created_at", "answered_at", "answered_by"]
    fields = [*readonly_fields[:5], "answer", *readonly_fields[5:]]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # shoppers file feedback from the item page

    # Answering is an editor's job: the editors group may, without a per-model grant (staff
    # status is still what lets anyone into the admin at all).
    def has_module_permission(self, request: HttpRequest) -> bool:
        return super().has_module_permission(request) or is_editor(request.user)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_view_permission(request, obj) or is_editor(request.user)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_change_permission(request, obj) or is_editor(request.user)

    def save_model(self, request: HttpRequest, obj: Feedback, form, change: bool) -> None:
        if "answer" in form.changed_data and obj.answer.strip():
            feedback_answer(feedback=obj, answer=obj.answer, editor=request.user)
        else:
            super().save_model(request, obj, form, change)
