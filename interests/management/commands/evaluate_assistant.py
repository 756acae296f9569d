"""Intent accuracy (top-level interest), scenario accuracy and budget-parse accuracy of the 小值
assistant on labelled requests: by default the development set and, separately, the held-out
set (written before the intent code and never tuned on). --data FILE evaluates another file;
--misses prints what was read wrong (use it on the development set only)."""

from pathlib import Path

from django.core.management.base import CommandError

from guide.commands import DatabaseCommand
from interests.assistant.bundle import kit_words
from interests.assistant.evaluation import DEVELOPMENT, HELD_OUT, evaluate, labelled_requests

GOAL = 0.9


class Command(DatabaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--data", action="append", type=Path, help="JSON Lines 文件（可重复）；默认开发集和留出集")
        parser.add_argument("--misses", action="store_true", help="列出读错的请求")

    def handle(self, *args, **options):
        words = kit_words()
        for path in options["data"] or [DEVELOPMENT, HELD_OUT]:
            if not path.exists():
                raise CommandError(f"找不到 {path}")
            try:
                rows = labelled_requests(path)
            except ValueError as exc:
                raise CommandError(str(exc)) from None
            figures = evaluate(rows, kit_words=words)
            self.stdout.write(f"{path.name}: {figures.requests} requests")
            for name, label in (("interest", "intent (top-level interest)"), ("scenario", "scenario"),
                                ("budget", "budget parse")):
                value = figures.accuracy(name)
                self.stdout.write(f"  {label:<28} {value:.4f}  ({getattr(figures, name)}/{figures.requests})"
                                  f"{'' if value >= GOAL else '  below the goal ' + str(GOAL)}")
            if options["misses"]:
                for miss in figures.misses:
                    self.stdout.write(f"  ✗ {miss['text']}  expected {miss['expected']}  got {miss['got']}")
