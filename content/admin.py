from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from content.models import Author, Item, Source
from content.services import source_rotate_key


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


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "source", "status", "price", "published_at", "duplicate_of", "sponsored"]
    list_filter = ["status", "kind", "source__platform", "sponsored"]
    search_fields = ["title", "external_id", "brand", "product"]
    raw_id_fields = ["author", "duplicate_of"]
    readonly_fields = ["canonical_url", "fetched_at", "updated_at", "content_hash", "duplicate_similarity"]
    date_hierarchy = "published_at"
