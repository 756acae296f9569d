"""Shared by the migrations that edit the seeded lexicon (0005, 0006): apply frozen keyword
changes to the entries an editor has not touched, reversibly.

Each change, per slug: {"remove": {word: seed weight}, "add": {word: weight},
"reweigh": {word: (old, new)}}. A keyword is removed or re-weighed only if its weight is still
the seed's, and one is added only if the node does not list that word already, so an editor's
own edits always win. The module name starts with "_", so Django does not load it as a migration.
"""


def keyword_edits(interests: dict, scenarios: dict):
    """(forward, backward) RunPython functions for these changes."""

    def forward(apps, schema_editor):
        _apply(apps, interests, scenarios, reverse=False)

    def backward(apps, schema_editor):
        _apply(apps, interests, scenarios, reverse=True)

    return forward, backward


def _apply(apps, interests, scenarios, *, reverse):
    for model, changes in (("Interest", interests), ("Scenario", scenarios)):
        for row in apps.get_model("interests", model).objects.filter(slug__in=changes):
            change = _inverse(changes[row.slug]) if reverse else changes[row.slug]
            keywords = edited_keywords(row.keywords, change)
            if keywords != row.keywords:
                row.keywords = keywords
                row.save(update_fields=["keywords"])
    from interests.lexicon import bump_lexicon_version  # historical models send no signals

    bump_lexicon_version()


def _inverse(change):
    return {
        "remove": change["add"],
        "add": change["remove"],
        "reweigh": {word: (new, old) for word, (old, new) in change["reweigh"].items()},
    }


def edited_keywords(stored, change):
    """The stored list with the change applied to the entries an editor has not touched.

    Entries are [word, weight] or a bare "word" (weight 1), as `keyword_pairs` reads them;
    anything else is kept as it is."""
    result, seen = [], set()
    for entry in stored if isinstance(stored, list) else []:
        word, weight = _word_and_weight(entry)
        if word is not None:
            seen.add(word)
            if change["remove"].get(word) == weight:
                continue
            if word in change["reweigh"] and change["reweigh"][word][0] == weight:
                entry = [word, change["reweigh"][word][1]]
        result.append(entry)
    result += [[word, weight] for word, weight in change["add"].items() if word not in seen]
    return result


def _word_and_weight(entry):
    if isinstance(entry, str):
        return entry, 1.0
    if isinstance(entry, list | tuple) and len(entry) == 2 and isinstance(entry[0], str):
        return entry[0], entry[1]
    return None, None
