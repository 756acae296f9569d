from django.db import migrations

# A copy, not an import: a migration must keep meaning what it meant when it was written.
WEIGHTS = {
    "consumption_relevance": 1.0, "content_reliability": 1.5, "information_density": 1.0,
    "author_popularity": 0.4, "timeliness": 0.8, "price_value": 1.2, "originality": 1.0,
    "engagement": 0.7, "sentiment": 0.8, "interest_clarity": 0.5, "objectivity": 1.5,
    "scenario_richness": 0.4,
}


def create_default(apps, schema_editor):
    ScoringProfile = apps.get_model("content", "ScoringProfile")
    if not ScoringProfile.objects.exists():
        ScoringProfile.objects.create(version=1, name="默认", weights=WEIGHTS, is_active=True,
                                      note="初始方案：可靠与客观权重最高，影响力与热度较低")


class Migration(migrations.Migration):
    dependencies = [("content", "0002_scoring")]
    operations = [migrations.RunPython(create_default, migrations.RunPython.noop)]
