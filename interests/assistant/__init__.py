"""小值, the shopping assistant: from a wish in the shopper's own words to an integrated,
worth-buying solution. Plain stages: budget.py (amounts of money in Chinese and digits),
intent.py (interests, scenario, budget, people, preferences, exclusions, refinements),
conversation.py (state across turns, stored per shopper or visitor), bundle.py (kit slots
filled by a small knapsack over approved items), reply.py (the answer in words). Deterministic
and offline: no model service, only the platform's own tagger, search index and scores."""
