"""A base for management commands that read and write the platform's tables."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor


class DatabaseCommand(BaseCommand):
    """Django's migration check before handle(), made a stop: against a database that is
    unreachable or not migrated, a clear CommandError (exit 1) instead of a warning followed
    by a traceback from the first query."""

    requires_migrations_checks = True

    def check_migrations(self):
        try:
            executor = MigrationExecutor(connection)
            plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        except DatabaseError as exc:
            raise CommandError(f"无法连接数据库（{connection.vendor}）：{str(exc).strip()[:200]}") from None
        if plan:
            missing = [f"{migration.app_label}.{migration.name}" for migration, _ in plan]
            shown = "、".join(missing[:3]) + ("…" if len(missing) > 3 else "")
            raise CommandError(f"数据库尚未迁移（缺 {len(missing)} 个迁移：{shown}）：先运行 manage.py migrate")
