from guide.celery import app
from guide.commands import DatabaseCommand
from guide.schedule import run_schedule


class Command(DatabaseCommand):
    help = ("Run the periodic tasks of the beat schedule in this process, each when it is due "
            "(lists, pools, profiles, roll-ups …): the embedded default's beat, started by `make run`. "
            "With Redis, run Celery beat and a worker instead.")

    def add_arguments(self, parser):
        parser.add_argument("--rounds", type=int, help="stop after this many looks at the schedule (default: run until stopped)")

    def handle(self, *args, **options):
        self.stdout.write("定时任务在本进程中运行（Ctrl-C 停止）：" + "、".join(sorted(app.conf.beat_schedule)))
        try:
            run_schedule(app, rounds=options["rounds"], report=self.stdout.write)
        except KeyboardInterrupt:
            self.stdout.write("定时任务已停止")
