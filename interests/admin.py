import json

from django import forms
from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from interests.models import (
    Conversation,
    Interest,
    KeywordAlert,
    KitSlot,
    KitTemplate,
    Notification,
    Scenario,
)

KEYWORDS_HELP = "每行一个关键词，可写权重（0–1，默认 1）：如「帐篷 = 1」「手机壳 = 0.3」。保存后各进程数秒内生效。"


class KeywordLinesField(forms.CharField):
    """Edits the [[word, weight], ...] JSON as one "word = weight" line per keyword: editors
    should not have to write JSON, and a typo must be refused, not silently dropped."""

    widget = forms.Textarea(attrs={"rows": 18, "cols": 60})

    def prepare_value(self, value: object) -> str:
        if isinstance(value, str):  # re-displaying a submitted form, or JSON text from the db
            try:
                value = json.loads(value)
            except ValueError:
                return str(value)
        lines = []
        for entry in value if isinstance(value, list) else []:
            if isinstance(entry, list) and len(entry) == 2 and isinstance(entry[1], int | float):
                lines.append(entry[0] if entry[1] == 1 else f"{entry[0]} = {entry[1]:g}")
            else:
                lines.append(str(entry))
        return "\n".join(lines)

    def to_python(self, value: str | None) -> list[list]:
        keywords, seen = [], set()
        for number, line in enumerate((value or "").splitlines(), start=1):
            word, _, weight_text = line.partition("=")
            word = " ".join(word.split())
            if not word:
                continue
            try:
                weight = float(weight_text) if weight_text.strip() else 1.0
            except ValueError:
                raise forms.ValidationError(f"第 {number} 行的权重不是数字：{line.strip()}") from None
            if not 0 < weight <= 1:
                raise forms.ValidationError(f"第 {number} 行的权重须在 0 到 1 之间：{line.strip()}")
            if word.lower() in seen:
                raise forms.ValidationError(f"第 {number} 行重复：{word}")
            seen.add(word.lower())
            keywords.append([word, weight])
        return keywords


class InterestForm(forms.ModelForm):
    keywords = KeywordLinesField(required=False, help_text=KEYWORDS_HELP, label="关键词")

    class Meta:
        model = Interest
        fields = ["name", "slug", "parent", "description", "keywords", "is_active", "sort_order"]


class ScenarioForm(forms.ModelForm):
    keywords = KeywordLinesField(required=False, help_text=KEYWORDS_HELP, label="关键词")

    class Meta:
        model = Scenario
        fields = ["name", "slug", "description", "keywords", "context_hints", "is_active", "sort_order"]
        help_texts = {
            "context_hints": '何时适合推荐：{"months": [1-12], "weekdays": [0=周一…6], "hours": [0-23], '
            '"date_windows": [["06-01", "06-18"]]}，空列表表示不限。',
        }


class TopLevelFilter(admin.SimpleListFilter):
    title = "一级兴趣"
    parameter_name = "top"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return list(Interest.objects.filter(parent=None).values_list("slug", "name"))

    def queryset(self, request: HttpRequest, queryset: QuerySet[Interest]) -> QuerySet[Interest]:
        if self.value():
            return queryset.filter(Q(slug=self.value()) | Q(parent__slug=self.value()))
        return queryset


class KeywordSearchMixin(admin.ModelAdmin):
    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str) -> tuple[QuerySet, bool]:
        """Also find keywords. PostgreSQL compares JSON as text; SQLite stores Chinese as \\uXXXX
        escapes, so look for that spelling too."""
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        term = search_term.strip()
        if term:
            escaped = json.dumps(term)[1:-1]
            found |= queryset.filter(Q(keywords__icontains=term) | Q(keywords__icontains=escaped))
        return found, may_have_duplicates


@admin.register(Interest)
class InterestAdmin(KeywordSearchMixin, admin.ModelAdmin):
    form = InterestForm
    list_display = ["name", "slug", "parent", "keyword_count", "is_active", "sort_order"]
    list_editable = ["is_active", "sort_order"]
    list_filter = [TopLevelFilter, "is_active"]
    list_select_related = ["parent"]
    search_fields = ["name", "slug", "description"]
    ordering = ["sort_order"]

    @admin.display(description="关键词数")
    def keyword_count(self, interest: Interest) -> int:
        return len(interest.keywords or [])


@admin.register(Scenario)
class ScenarioAdmin(KeywordSearchMixin, admin.ModelAdmin):
    form = ScenarioForm
    list_display = ["name", "slug", "keyword_count", "is_active", "sort_order"]
    list_editable = ["is_active", "sort_order"]
    list_filter = ["is_active"]
    search_fields = ["name", "slug", "description"]

    @admin.display(description="关键词数")
    def keyword_count(self, scenario: Scenario) -> int:
        return len(scenario.keywords or [])


# The assistant's kits, and what shoppers hold (alerts, notifications, conversations: read only).

class SlotKeywordsField(forms.CharField):
    """A slot's words, one per line (JSON list in the database)."""

    widget = forms.Textarea(attrs={"rows": 3, "cols": 24})

    def prepare_value(self, value: object) -> str:
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                return str(value)
        return "\n".join(str(word) for word in value) if isinstance(value, list) else ""

    def to_python(self, value: str | None) -> list[str]:
        words = list(dict.fromkeys(" ".join(line.split()) for line in (value or "").splitlines() if line.strip()))
        if not words:
            raise forms.ValidationError("至少写一个关键词：商品标题里出现它，才能放进这一格。")
        return words


class KitSlotForm(forms.ModelForm):
    keywords = SlotKeywordsField(label="关键词", help_text="每行一个；标题里出现其中之一的内容可以放进这一格")

    class Meta:
        model = KitSlot
        fields = ["slug", "name", "keywords", "required", "implies_scenario", "sort_order"]


class KitSlotInline(admin.TabularInline):
    model = KitSlot
    form = KitSlotForm
    extra = 1


@admin.register(KitTemplate)
class KitTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "scenario", "recipient", "slot_count", "is_active"]
    list_filter = ["scenario", "is_active"]
    list_select_related = ["scenario"]
    inlines = [KitSlotInline]

    @admin.display(description="栏目数")
    def slot_count(self, kit: KitTemplate) -> int:
        return kit.slots.count()


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shoppers' own rows: visible for support, changed only by the shopper."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(KeywordAlert)
class KeywordAlertAdmin(ReadOnlyAdmin):
    list_display = ["query", "user", "price_max", "worth_min", "created_at"]
    search_fields = ["query"]


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["message", "user", "created_at", "read_at"]


@admin.register(Conversation)
class ConversationAdmin(ReadOnlyAdmin):
    list_display = ["public_id", "user", "anonymous_id", "created_at", "updated_at"]
