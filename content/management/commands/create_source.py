from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from content.constants import PLATFORMS
from content.models import Source
from content.services import source_create, source_rotate_key
from content.sources import ADAPTERS
from guide.commands import DatabaseCommand


class Command(DatabaseCommand):
    help = "Create a content source and print its push-API key (shown once). --rotate-key for an existing one."

    def add_arguments(self, parser):
        parser.add_argument("name", help="short name (slug), e.g. smzdm-deals")
        parser.add_argument("--platform", choices=list(PLATFORMS), default="other",
                            help="the platform its items come from (default other)")
        parser.add_argument("--adapter", choices=list(ADAPTERS), default="push",
                            help="how its items reach us (default push: the ingest API)")
        parser.add_argument("--url", default="", help="feed or page URL for rss / page sources")
        parser.add_argument("--title", default="", help="a readable name shown on pages")
        parser.add_argument("--trust", type=int, default=50, help="trust level 0–100")
        parser.add_argument("--interval", type=int, default=30, help="poll interval in minutes")
        parser.add_argument("--rotate-key", action="store_true", help="issue a new key for an existing source")

    def handle(self, *args, **options):
        if options["rotate_key"]:
            source = Source.objects.filter(name=options["name"]).first()
            if source is None:
                raise CommandError(f"没有名为 {options['name']} 的来源")
            self.stdout.write(source_rotate_key(source=source))
            return
        if Source.objects.filter(name=options["name"]).exists():
            raise CommandError(f"来源 {options['name']} 已存在；要换密钥请加 --rotate-key")
        if options["adapter"] in ("rss", "page") and not options["url"]:
            raise CommandError("rss / page 来源需要 --url")
        try:
            _, raw_key = source_create(
                name=options["name"],
                platform=options["platform"],
                adapter=options["adapter"],
                url=options["url"],
                title=options["title"],
                trust_level=options["trust"],
                poll_interval_minutes=options["interval"],
            )
        except ValidationError as exc:
            raise CommandError("; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())) from exc
        self.stdout.write(raw_key)
