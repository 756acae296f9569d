"""Brands, their members and keys, campaigns and their items in the admin (for staff and editors).
Keys are issued by `manage.py create_brand_key` or the brand's settings page, never here: the
admin would have nowhere safe to show the raw key once."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest

from recommender.brands import brand_key_revoke
from recommender.campaigns import (
    CampaignError,
    campaign_items_propose,
    campaign_validate,
    campaigns_changed,
    ineligibility,
    sponsorship_sync,
)
from recommender.models import Brand, BrandKey, BrandMember, Campaign, CampaignItem


class BrandMemberInline(admin.TabularInline):
    model = BrandMember
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Brand)
class BrandAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "aliases", "is_active", "created_at"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [BrandMemberInline]


@admin.register(BrandKey)
class BrandKeyAdmin(admin.ModelAdmin):
    list_display = ["name", "brand", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["brand"]
    readonly_fields = ["brand", "name", "created_at", "created_by", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="吊销所选密钥")
    def revoke(self, request: HttpRequest, queryset: QuerySet[BrandKey]) -> None:
        revoked = sum(brand_key_revoke(key=key) for key in queryset)
        self.message_user(request, f"已吊销 {revoked} 个密钥。")


class CampaignItemInline(admin.TabularInline):
    model = CampaignItem
    extra = 0
    raw_id_fields = ["item"]
    fields = ["item", "origin", "state", "decided_by", "decided_at", "applied"]
    readonly_fields = ["decided_by", "decided_at", "applied"]


class CampaignForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = ["brand", "name", "starts_on", "ends_on", "target_interests", "target_scenarios", "daily_impression_cap",
                  "frequency_cap", "is_paused"]

    def clean(self) -> dict:
        data = super().clean()
        try:
            campaign_validate(name=data.get("name") or "", starts_on=data.get("starts_on"), ends_on=data.get("ends_on"),
                              daily_impression_cap=data.get("daily_impression_cap"),
                              frequency_cap=data.get("frequency_cap"))
        except CampaignError as exc:
            raise ValidationError(exc.fields) from exc
        except TypeError:  # a field is missing: its own error says so
            pass
        return data


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "brand", "starts_on", "ends_on", "daily_impression_cap", "frequency_cap", "is_paused"]
    list_filter = ["brand", "is_paused"]
    search_fields = ["name", "brand__name"]
    filter_horizontal = ["target_interests", "target_scenarios"]
    inlines = [CampaignItemInline]
    actions = ["propose_items"]
    form = CampaignForm

    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:
        for entry in formset.save(commit=False):
            if entry.state == "confirmed" and (why := ineligibility(entry.item, form.instance.brand)):
                messages.error(request, f"「{entry.item.title}」没有加入：{why}")
                continue
            entry.save()
        for entry in formset.deleted_objects:
            entry.delete()
        sponsorship_sync()
        campaigns_changed()

    @admin.action(description="按品牌 / 商品匹配推荐内容（待编辑确认）")
    def propose_items(self, request: HttpRequest, queryset: QuerySet[Campaign]) -> None:
        proposed = sum(campaign_items_propose(campaign=c) for c in queryset.select_related("brand"))
        self.message_user(request, f"推荐了 {proposed} 条内容，请在「待确认的推广内容」页确认。")
