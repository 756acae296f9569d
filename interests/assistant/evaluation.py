"""Offline evaluation of the assistant's intent reading on labelled requests (JSON Lines:
{"text", "interest", "scenario", "budget": {"min", "max"} or null}). Plain functions."""

import json
from dataclasses import dataclass, field
from pathlib import Path

from interests.assistant.intent import intent_of
from interests.lexicon import Lexicon

REQUESTS = Path(__file__).resolve().parents[2] / "tests" / "interests" / "assistant_requests"
DEVELOPMENT, HELD_OUT = REQUESTS / "dev.jsonl", REQUESTS / "heldout.jsonl"


@dataclass
class Figures:
    requests: int = 0
    interest: int = 0
    scenario: int = 0
    budget: int = 0
    misses: list[dict] = field(default_factory=list)

    def accuracy(self, name: str) -> float:
        return getattr(self, name) / self.requests if self.requests else 0.0


def labelled_requests(path: Path) -> list[dict]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            row = json.loads(line)
            if not isinstance(row.get("text"), str) or not {"interest", "scenario", "budget"} <= set(row):
                raise ValueError(f"{path.name} 第 {number} 行缺少 text / interest / scenario / budget")
            rows.append(row)
    return rows


def evaluate(rows: list[dict], *, kit_words: dict[str, tuple[str, bool]], lexicon: Lexicon | None = None) -> Figures:
    """Top-level interest, scenario and budget of each request against its label."""
    figures = Figures()
    for row in rows:
        intent = intent_of(row["text"], kit_words=kit_words, lexicon=lexicon)
        budget = intent.budget.as_dict() if intent.budget else None
        right = {"interest": intent.top_interest == row["interest"], "scenario": intent.scenario == row["scenario"],
                 "budget": budget == row["budget"]}
        figures.requests += 1
        for name, ok in right.items():
            setattr(figures, name, getattr(figures, name) + ok)
        if not all(right.values()):
            figures.misses.append({"text": row["text"], "expected": {k: row[k] for k in right},
                                   "got": {"interest": intent.top_interest, "scenario": intent.scenario, "budget": budget}})
    return figures
