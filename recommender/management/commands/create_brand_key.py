from django.core.management.base import CommandError
from django.db.models import Q
from django.utils.text import slugify

from guide.commands import DatabaseCommand
from recommender.brands import brand_create, brand_key_create
from recommender.models import Brand


class Command(DatabaseCommand):
    help = ("Issue an API key for a brand (matched by slug or name) and print it (shown once; only its hash is "
            "stored). --create makes the brand first.")

    def add_arguments(self, parser):
        parser.add_argument("brand", help="the brand's slug or name, e.g. narwal or 云鲸")
        parser.add_argument("--name", default="命令行创建", help="what the key is for (shown in the brand's key list)")
        parser.add_argument("--create", action="store_true", help="create the brand if it does not exist")
        parser.add_argument("--slug", default="", help="with --create: the brand's slug (default: from the name)")
        parser.add_argument("--alias", action="append", default=[], help="with --create: another name (repeatable)")

    def handle(self, *args, **options):
        given = options["brand"].strip()
        brand = Brand.objects.filter(Q(slug=given) | Q(name=given)).first()
        if brand is None and not options["create"]:
            raise CommandError(f"没有品牌「{given}」；要新建请加 --create（和 --slug）")
        if brand is None:
            slug = options["slug"] or slugify(given)
            if not slug:
                raise CommandError("品牌名不能自动生成标识，请用 --slug 指定（小写字母、数字、连字符）")
            if Brand.objects.filter(slug=slug).exists():
                raise CommandError(f"标识 {slug} 已被其他品牌使用")
            brand = brand_create(name=given, slug=slug, aliases=options["alias"])
        elif not brand.is_active:
            raise CommandError(f"品牌「{brand.name}」已停用")
        try:
            _, raw = brand_key_create(brand=brand, name=options["name"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(raw)
