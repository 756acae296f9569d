"""Regenerate content/scoring/data/userdict.txt from the taxonomy, scenarios, brands and units.

Deterministic (sorted, frequencies from jieba's bundled dictionary): running it twice gives the
same file, so the committed file can be checked with `--check`.
"""

from django.core.management.base import BaseCommand, CommandError

from content.scoring.analysis import USER_DICTIONARY
from interests.userdict import userdict_lines, write_userdict


class Command(BaseCommand):
    help = "Rewrite the jieba user dictionary from interests.taxonomy and interests.product_brands."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--check", action="store_true", help="fail if the committed file is out of date")

    def handle(self, *args, check: bool = False, **options) -> None:
        lines = userdict_lines()
        if check:
            current = USER_DICTIONARY.read_text(encoding="utf-8").splitlines() if USER_DICTIONARY.exists() else []
            if current != lines:
                raise CommandError(f"{USER_DICTIONARY} is out of date: run manage.py build_userdict")
            self.stdout.write(f"{USER_DICTIONARY} is up to date ({len(lines)} words)")
            return
        USER_DICTIONARY.parent.mkdir(parents=True, exist_ok=True)
        count = write_userdict(USER_DICTIONARY, lines)
        self.stdout.write(self.style.SUCCESS(f"wrote {count} words to {USER_DICTIONARY}"))
