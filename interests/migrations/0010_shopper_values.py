import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("interests", "0009_kit_slots_seed"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ShopperValues",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "mode",
                    models.CharField(
                        choices=[("learned", "根据行为学习"), ("chosen", "我自己设定"), ("off", "不使用")],
                        default="learned",
                        max_length=10,
                    ),
                ),
                ("learned", models.JSONField(blank=True, default=dict, help_text="维度 → −1..1")),
                (
                    "means",
                    models.JSONField(
                        blank=True, default=dict, help_text="维度 → [点开的平均分, 略过的平均分]"
                    ),
                ),
                ("engaged_count", models.PositiveIntegerField(default=0)),
                ("skipped_count", models.PositiveIntegerField(default=0)),
                ("learned_at", models.DateTimeField(blank=True, null=True)),
                (
                    "chosen",
                    models.JSONField(blank=True, default=dict, help_text="维度 → −1..1，购物者自己设定的"),
                ),
                ("chosen_at", models.DateTimeField(blank=True, null=True)),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="shopper_values",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={"verbose_name": "看重的维度", "verbose_name_plural": "看重的维度"},
        ),
    ]
