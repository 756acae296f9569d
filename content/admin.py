from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from content.constants import REASON_CODES
from content.feedback import feedback_answer
from content.models import AuditRecord, Author, Feedback, Item, ItemScore, ScoringProfile, Source
from content.moderation.decisions import Decision, DecisionError, item_delete, items_decide
from content.moderation.profiles import profile_draft_save
from content.scoring.admin_forms import ScoringProfileForm
from content.scoring.dimensions import DIMENSION_KEYS
from content.services import source_rotate_key
from guide.queueing import task_named
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
        poll_source = task_named("content.tasks.poll_source")
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


def _decision_action(action: str, label: str, reason: str = ""):
    """An admin list action that goes through the decision service like the desk does."""

    def run(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Item]) -> None:
        selection = list(queryset.values_list("pk", "version"))
        try:
            items_decide(selection=selection, decision=Decision(action, reason=reason, note="管理后台批量操作"),
                         editor=request.user)
        except DecisionError as exc:
            modeladmin.message_user(request, f"未执行：{exc.message}", messages.ERROR)
            return
        modeladmin.message_user(request, f"已{label} {len(selection)} 条内容（已记入审核记录）。")

    run.__name__ = f"decide_{action}_{reason}".rstrip("_")
    return admin.action(description=f"{label}所选内容")(run)


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    """Items are decided through the decision service (here as list actions, or on the desk at
    /desk/): the status and everything a decision sets are read only, and deleting an item
    leaves an audit record."""

    inlines = [ItemScoreInline]
    list_display = ["title", "kind", "source", "status", "price", "published_at", "duplicate_of", "sponsored", "version"]
    list_filter = ["status", "kind", "source__platform", "sponsored"]
    search_fields = ["title", "external_id", "brand", "product"]
    raw_id_fields = ["author", "duplicate_of"]
    readonly_fields = ["canonical_url", "fetched_at", "updated_at", "content_hash", "duplicate_similarity", "status",
                       "sponsored", "duplicate_of", "moderated_at", "moderated_by", "moderation_reason", "version",
                       "editor_tagged"]
    date_hierarchy = "published_at"
    actions = [_decision_action("approve", "通过"), _decision_action("feature", "精选"),
               *(_decision_action("reject", f"拒绝（{label}）", code) for code, label in REASON_CODES.items()
                 if code in ("spam", "advertorial", "fake", "duplicate", "off_topic"))]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return super().has_module_permission(request) or is_editor(request.user)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_view_permission(request, obj) or is_editor(request.user)

    def delete_model(self, request: HttpRequest, obj: Item) -> None:
        item_delete(item=obj, actor=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Item]) -> None:
        for item in queryset:
            item_delete(item=item, actor=request.user)


@admin.register(ScoringProfile)
class ScoringProfileAdmin(admin.ModelAdmin):
    """Saving stores a draft: it takes effect only when an editor previews and activates it on
    the desk (/desk/profiles/), audited; old versions stay for the record."""

    form = ScoringProfileForm
    list_display = ["__str__", "is_active", "is_draft", "approve_min_worth", "created_at", "created_by", "activated_at"]

    def save_model(self, request: HttpRequest, obj: ScoringProfile, form, change: bool) -> None:
        values = {name: form.cleaned_data[name] for name in ScoringProfileForm.Meta.fields}
        draft = obj if change and obj.is_draft else None
        try:
            saved = profile_draft_save(values={**values, "weights": form.cleaned_data["weights"]}, editor=request.user,
                                       draft=draft)
        except DecisionError as exc:
            self.message_user(request, exc.message, messages.ERROR)
            return
        obj.pk = saved.pk
        self.message_user(request, f"已存为草稿。请到审核台预览它会让多少内容改变状态，再启用：/desk/profiles/{saved.pk}/",
                          messages.WARNING)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AuditRecord)
class AuditRecordAdmin(admin.ModelAdmin):
    """The audit trail, read only: never added, changed or deleted by hand."""

    list_display = ["at", "actor_name", "action", "target_type", "target_id", "reason", "public"]
    list_filter = ["action", "target_type", "public"]
    search_fields = ["actor_name", "target_id", "title", "note"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


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
