"""The search and assistant benchmark runs end to end on a small corpus and says what it measured."""

from io import StringIO

from django.core.management import call_command

from content.models import ItemSearch
from content.scoring.analysis import analyze
from content.search.terms import document_terms
from interests.tagging import title_token_count


def test_the_benchmark_builds_its_corpus_through_the_scoring_pass_path_and_reports(db):
    out = StringIO()
    call_command("bench_search", items=300, searches=40, conversations=3, rounds=2, stdout=out)
    text = out.getvalue()
    assert "corpus: 300 items" in text and "goal (search p95 under 50 ms)" in text and "answers/s" in text
    assert "{200: 40}" in text and "{200: 6}" in text  # every search and every assistant turn answered
    document = ItemSearch.objects.select_related("item").first()
    analysis = analyze(document.item.title, document.item.body_text)
    assert document.title_terms == document_terms(analysis.tokens, title_token_count(analysis)).title_terms
