"""Seed the interest taxonomy and the scenarios from interests/taxonomy.py.

Idempotent (update_or_create by slug) and reversible (removes the seeded slugs, children
first). Reads the plain data module, never the models module, so later model changes cannot
break it.
"""

from django.db import migrations

from interests.taxonomy import INTERESTS, SCENARIOS


def seed(apps, schema_editor):
    Interest = apps.get_model("interests", "Interest")
    Scenario = apps.get_model("interests", "Scenario")
    by_slug = {}
    for node in INTERESTS:  # every parent comes before its children in the data
        by_slug[node["slug"]], _ = Interest.objects.update_or_create(
            slug=node["slug"],
            defaults={
                "name": node["name"],
                "parent": by_slug[node["parent"]] if node["parent"] else None,
                "description": node["description"],
                "keywords": node["keywords"],
                "sort_order": node["sort_order"],
            },
        )
    for scenario in SCENARIOS:
        Scenario.objects.update_or_create(
            slug=scenario["slug"],
            defaults={key: scenario[key] for key in ("name", "description", "keywords", "context_hints", "sort_order")},
        )
    _tell_running_processes()


def unseed(apps, schema_editor):
    Interest = apps.get_model("interests", "Interest")
    Scenario = apps.get_model("interests", "Scenario")
    Interest.objects.filter(slug__in=[n["slug"] for n in INTERESTS], parent__isnull=False).delete()
    Interest.objects.filter(slug__in=[n["slug"] for n in INTERESTS]).delete()
    Scenario.objects.filter(slug__in=[s["slug"] for s in SCENARIOS]).delete()
    _tell_running_processes()


def _tell_running_processes():
    # Historical models send no signals the app listens to, so bump the lexicon stamp here.
    from interests.lexicon import bump_lexicon_version

    bump_lexicon_version()


class Migration(migrations.Migration):
    dependencies = [("interests", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
