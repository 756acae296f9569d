"""The editors group gets exactly what its work needs: the desk (moderate items), the audit
trail, drafting and activating scoring profiles, list overrides, answering feedback, and read
access to what those decisions are about. No superuser needed."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PERMISSIONS = {
    "content": ["moderate_item", "view_item", "view_itemscore", "view_source", "view_author", "view_feedback",
                "change_feedback", "view_auditrecord", "view_scoringprofile", "add_scoringprofile",
                "change_scoringprofile", "activate_scoringprofile"],
    "interests": ["view_interest", "view_scenario", "view_iteminterest", "view_itemscenario"],
    "recommender": ["view_worthlist", "view_worthlistentry", "view_listoverride", "add_listoverride",
                    "change_listoverride", "delete_listoverride"],
}


def _permissions(apps):
    # Permissions are normally created after migrations run; create them now to grant them.
    for config in apps.get_app_configs():
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return [Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codenames in EDITOR_PERMISSIONS.items() for codename in codenames]


def grant(apps, schema_editor):
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name="editors")
    group.permissions.add(*_permissions(apps))


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name="editors").first()
    if group is not None:
        group.permissions.remove(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("guide", "0002_role_groups"),
        ("content", "0006_moderation"),
        ("interests", "0007_moderation"),
        ("recommender", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
