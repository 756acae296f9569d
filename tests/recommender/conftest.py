"""The brand personas and their keys (tests/recommender/brands.py), for every recommender test."""

from tests.recommender.brands import bob, dji, dji_api, dylan, narwal, narwal_api, nora  # noqa: F401
