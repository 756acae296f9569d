"""Each dimension's default weight lives beside its definition; weights lacking a dimension are
refused, and the data migration a new dimension ships gives stored profiles its default weight."""

import pytest
from django.apps import apps

from content.models import ScoringProfile
from content.scoring.dimensions import DEFAULT_WEIGHTS, DIMENSION_DEFINITIONS, DIMENSION_KEYS, DIMENSIONS
from content.scoring.profile import MissingWeights, active_profile, profiles_add_missing_weights, worth_score


def test_every_dimension_has_its_name_and_default_weight_in_one_definition():
    assert list(DIMENSIONS) == list(DEFAULT_WEIGHTS) == list(DIMENSION_KEYS) == list(DIMENSION_DEFINITIONS)
    assert (
        DEFAULT_WEIGHTS["content_reliability"]
        == DIMENSION_DEFINITIONS["content_reliability"].default_weight
        == 1.5
    )


def test_weights_lacking_a_dimension_are_refused_not_read_as_zero():
    scores = dict.fromkeys(DIMENSION_KEYS, 80.0)
    assert worth_score(scores, DEFAULT_WEIGHTS) == 80.0
    lacking = {k: w for k, w in DEFAULT_WEIGHTS.items() if k != "scenario_richness"}
    with pytest.raises(MissingWeights, match="scenario_richness"):
        worth_score(scores, lacking)


def test_the_data_migration_gives_a_stored_profile_the_default_weight_of_a_dimension_it_lacks(db):
    profile = active_profile()
    stored = {k: w for k, w in profile.weights.items() if k != "scenario_richness"} | {"price_value": 3.0}
    ScoringProfile.objects.filter(pk=profile.pk).update(
        weights=stored
    )  # as stored before the dimension existed
    profiles_add_missing_weights(apps, None)
    weights = ScoringProfile.objects.get(pk=profile.pk).weights
    assert (
        weights["scenario_richness"] == DEFAULT_WEIGHTS["scenario_richness"] and weights["price_value"] == 3.0
    )
