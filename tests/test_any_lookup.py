"""guide.db's `any` lookup: a long list of ids as one parameter, on SQLite and PostgreSQL alike,
for plain fields, primary keys and foreign keys, with the same rows as `__in`."""

import pytest

from content.models import Item, ItemScore
from tests.factories import scored_item


@pytest.fixture
def items(db):
    return [scored_item("coffee", "food", worth=50 + n) for n in range(5)]


def test_any_finds_the_same_rows_as_in(items):
    wanted = [items[0].pk, items[3].pk, 10**9]  # an id that does not exist is simply not found
    assert set(Item.objects.filter(pk__any=wanted)) == set(Item.objects.filter(pk__in=wanted)) == {items[0], items[3]}
    assert set(ItemScore.objects.filter(item__any=wanted).values_list("item_id", flat=True)) == {items[0].pk, items[3].pk}
    assert set(ItemScore.objects.filter(item_id__any={items[1].pk}).values_list("item_id", flat=True)) == {items[1].pk}


def test_any_of_nothing_is_nothing_and_can_be_negated(items):
    assert not Item.objects.filter(pk__any=[]).exists()
    assert set(Item.objects.exclude(pk__any=[items[0].pk])) == set(items[1:])


def test_any_sends_the_ids_as_one_parameter(items):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        list(Item.objects.filter(pk__any=[i.pk for i in items]))
    sql = queries.captured_queries[0]["sql"]
    assert ("ANY" in sql) if connection.vendor == "postgresql" else ("json_each" in sql)
    assert sql.count(str(items[4].pk)) == 1
