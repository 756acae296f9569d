"""manage.py chaos_check: the fault matrix, measured (tooling/chaos.py, scenarios.py)."""

import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from tooling.chaos import Stack, matrix_table, scratch_database
from tooling.processes import RedisServer
from tooling.scenarios import FAULTS


class Command(BaseCommand):
    help = ("Start gunicorn, a Celery worker and beat and a Redis of their own on a scratch PostgreSQL "
            "database, inject each fault for real and print what users saw, what was lost and how "
            "long recovery took (a Markdown table). Needs a PostgreSQL DATABASE_URL (its server "
            "hosts the scratch database) and the redis-server program; about three minutes.")

    def add_arguments(self, parser):
        parser.add_argument("--only", action="append", choices=sorted(FAULTS), help="run only these faults (repeatable)")
        parser.add_argument("--database", default="guide_chaos",
                            help="scratch database, created and dropped (default guide_chaos)")

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("chaos_check 需要 PostgreSQL：请把 DATABASE_URL 指向一台 PostgreSQL（会另建临时库）。")
        if RedisServer.missing():
            raise CommandError("chaos_check 需要 redis-server 程序（apt-get install redis-server）。")
        names = options["only"] or list(FAULTS)
        started = time.monotonic()
        with scratch_database(options["database"]), tempfile.TemporaryDirectory() as directory:
            with Stack(database_name=options["database"], directory=Path(directory)) as stack:
                rows = []
                for name in names:
                    self.stderr.write(f"… {name}")
                    rows.append(FAULTS[name](stack))
        self.stdout.write(matrix_table(rows))
        self.stdout.write(f"\n({len(rows)} faults in {time.monotonic() - started:.0f} s)")
