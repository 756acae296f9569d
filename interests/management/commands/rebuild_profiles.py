from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from tqdm import tqdm

from guide.commands import DatabaseCommand
from interests.models import Event
from interests.profiles import profile_rebuild


class Command(DatabaseCommand):
    help = "Rebuild shoppers' interest profiles from the event log (their own follow / mute / delete decisions are kept)."

    def add_arguments(self, parser):
        parser.add_argument("--user", action="append", help="username (repeatable); default: everyone with events")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar (logs, scripts)")

    def handle(self, *args, **options):
        users = get_user_model().objects.all()
        if options["user"]:
            users = users.filter(username__in=options["user"])
            missing = set(options["user"]) - set(users.values_list("username", flat=True))
            if missing:
                raise CommandError(f"没有这些用户：{'、'.join(sorted(missing))}")
        else:
            users = users.filter(pk__in=Event.objects.filter(user__isnull=False).values("user"))
        applied = 0
        ids = list(users.values_list("pk", flat=True))
        for user_id in tqdm(ids, desc="profiles", unit="人", disable=options["no_progress"]):
            applied += profile_rebuild(user_id=user_id)
        self.stdout.write(f"已重建 {len(ids)} 个画像（{applied} 个事件）")
