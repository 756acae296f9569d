from guide.commands import DatabaseCommand
from recommender.lists import lists_refresh
from recommender.pools import pools_refresh


class Command(DatabaseCommand):
    help = ("Materialise every 值得买 list now (overall and each top-level interest, today and this week) "
            "and, unless --lists-only, recompute the shared candidate pools the feeds draw on.")

    def add_arguments(self, parser):
        parser.add_argument("--lists-only", action="store_true", help="leave the candidate pools to their schedule")

    def handle(self, *args, **options):
        lists = lists_refresh()
        self.stdout.write(f"已刷新 {lists} 个榜单")
        if not options["lists_only"]:
            self.stdout.write(f"已刷新 {pools_refresh()} 个兴趣的候选池")
