from pathlib import Path

from django.core.management.base import CommandError
from tqdm import tqdm

from content.files import FORMATS, detect_format, read_rows
from content.ingest import items_ingest
from content.models import Source
from guide.commands import DatabaseCommand

BATCH = 500


class Command(DatabaseCommand):
    help = "Ingest a JSON Lines or CSV file of items (push-API item fields) into a source."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the JSON Lines or CSV file of raw items")
        parser.add_argument("--source", required=True, help="source name (see create_source)")
        parser.add_argument("--format", choices=list(FORMATS), help="default: from the file extension")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar (logs, scripts)")

    def handle(self, *args, **options):
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"找不到文件 {path}")
        source = Source.objects.filter(name=options["source"]).first()
        if source is None:
            raise CommandError(f"没有名为 {options['source']} 的来源；先用 create_source 创建")
        try:
            file_format = options["format"] or detect_format(path)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        counts = {"created": 0, "changed": 0, "unchanged": 0, "duplicate": 0, "rejected": 0}
        with tqdm(desc=path.name, unit="条", disable=options["no_progress"]) as progress:
            batch = []
            for row in read_rows(path, file_format):
                if row.error:
                    counts["rejected"] += 1
                    self.stderr.write(f"第 {row.line} 行：{row.error}")
                    continue
                batch.append(row)
                if len(batch) == BATCH:
                    self._ingest(source, batch, counts, progress)
                    batch = []
            if batch:
                self._ingest(source, batch, counts, progress)
        self.stdout.write(" ".join(f"{name}={value}" for name, value in counts.items()))

    def _ingest(self, source, rows, counts, progress) -> None:
        for row, outcome in zip(rows, items_ingest(source=source, raw_items=[r.raw for r in rows]), strict=True):
            if outcome.outcome == "rejected":
                counts["rejected"] += 1
                errors = "; ".join(f"{k}: {' '.join(v)}" for k, v in outcome.errors.items())
                self.stderr.write(f"第 {row.line} 行：{errors}")
                continue
            counts["duplicate"] += outcome.outcome == "duplicate" and outcome.created
            key = "created" if outcome.created else "changed" if outcome.changed else "unchanged"
            counts[key] += 1
        progress.update(len(rows))
