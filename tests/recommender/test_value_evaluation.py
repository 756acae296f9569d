"""evaluate_dimension_preferences: on generated shoppers with planted dimension preferences, the
feed's ranking with the learned preferences beats the same ranking without them, and does no
harm to a shopper who weighs nothing."""

import pytest
from django.core.management import CommandError, call_command

from recommender.value_evaluation import evaluate


@pytest.fixture(scope="module")
def report():
    return evaluate(shoppers=24, items=600, seed=3, pull=1.0)


def test_ranking_with_learned_values_beats_ranking_without_and_the_planted_ones_bound_it(report):
    overall = report["overall"]
    assert overall["without"]["ndcg"] + 0.05 < overall["learned"]["ndcg"] <= overall["planted"]["ndcg"]
    assert overall["learned"]["precision"] > overall["without"]["precision"]
    assert report["recovered"] >= 0.6  # the strongest learned dimension is the planted one


def test_a_shopper_who_weighs_nothing_is_ranked_as_before(report):
    indifferent = report["personas"]["indifferent"]
    assert indifferent["learned"] == pytest.approx(indifferent["without"], abs=0.02)


def test_the_command_prints_the_three_rankings_side_by_side(capsys):
    call_command(
        "evaluate_dimension_preferences", "--seeds", "3", "--pulls", "1", "--shoppers", "6", "--items", "400"
    )
    out = capsys.readouterr().out
    assert "NDCG@10 without" in out and "price hunter" in out


@pytest.mark.parametrize("args", [["--seeds", "x"], ["--pulls", "-1"], ["--shoppers", "2"]])
def test_the_command_refuses_bad_options(args):
    with pytest.raises(CommandError):
        call_command("evaluate_dimension_preferences", *args)
