"""Write the search document of every item that has none: items scored before search existed
(the scoring pass writes documents from then on). Analyses each such item once, as the scoring
pass would; prints how many were indexed."""

from content.search.index import search_documents_build
from guide.commands import DatabaseCommand


class Command(DatabaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        self.stdout.write(f"indexed {search_documents_build():,} items")
