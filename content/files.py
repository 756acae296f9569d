"""Bulk files: JSON Lines and CSV rows as raw item dicts, for content.ingest.

CSV columns are the push-API field names; nested fields are flattened: `author_external_id`,
`author_name`, `author_followers`, `author_verified`, `metrics_likes` …, and `images` holds
URLs separated by `|` or whitespace."""

import csv
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from content.constants import METRIC_KEYS

AUTHOR_COLUMNS = ("external_id", "name", "followers", "verified")
INTEGER_COLUMNS = {"author_followers", *(f"metrics_{key}" for key in METRIC_KEYS)}
TRUE_WORDS = {"1", "true", "yes", "y", "是", "t"}


@dataclass
class FileRow:
    line: int
    raw: Any  # a dict, or an error message when the line could not be read at all
    error: str = ""


@dataclass(frozen=True)
class FileFormat:
    suffixes: tuple[str, ...]
    read: Callable[[Path], Iterator[FileRow]]


def detect_format(path: Path) -> str:
    suffix = path.suffix.lower()
    for name, file_format in FORMATS.items():
        if suffix in file_format.suffixes:
            return name
    raise ValueError(f"无法从扩展名 {suffix!r} 判断格式，请用 --format {'|'.join(FORMATS)}")


def read_rows(path: Path, file_format: str) -> Iterator[FileRow]:
    yield from FORMATS[file_format].read(path)


def read_jsonl(path: Path) -> Iterator[FileRow]:
    with path.open("rb") as handle:
        for number, raw_line in enumerate(handle, start=1):
            if not raw_line.strip():
                continue
            try:
                yield FileRow(number, json.loads(raw_line.decode("utf-8-sig")))
            except UnicodeDecodeError:
                yield FileRow(number, None, "不是有效的 UTF-8")
            except json.JSONDecodeError as exc:
                yield FileRow(number, None, f"不是有效的 JSON：{exc.msg}")


def read_csv(path: Path) -> Iterator[FileRow]:
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    with path.open(encoding="utf-8-sig", errors="strict", newline="") as handle:
        reader = csv.DictReader(handle, delimiter=delimiter)
        try:
            for row in reader:
                yield FileRow(reader.line_num, csv_row_to_item(row))
        except UnicodeDecodeError:
            yield FileRow(reader.line_num + 1, None, "不是有效的 UTF-8，后面的行无法读取")


def csv_row_to_item(row: dict[str, str | None]) -> dict[str, Any]:
    item: dict[str, Any] = {}
    author: dict[str, Any] = {}
    metrics: dict[str, Any] = {}
    value: Any  # a cell's text, or its integer for INTEGER_COLUMNS
    for column, value in row.items():
        if column is None or value is None or value == "":
            continue
        column = column.strip()
        if column in INTEGER_COLUMNS:
            value = int(value) if value.strip().isdigit() else value
        if column.startswith("author_") and column[7:] in AUTHOR_COLUMNS:
            author[column[7:]] = value.strip().lower() in TRUE_WORDS if column == "author_verified" else value
        elif column.startswith("metrics_") and column[8:] in METRIC_KEYS:
            metrics[column[8:]] = value
        elif column == "images":
            item["images"] = value.replace("|", " ").split()
        elif column == "sponsored":
            item["sponsored"] = value.strip().lower() in TRUE_WORDS
        else:
            item[column] = value
    if author:
        item["author"] = author
    if metrics:
        item["metrics"] = metrics
    return item


# The one list of bulk formats: detection by suffix, reading, and ingest_file's --format choices.
FORMATS: dict[str, FileFormat] = {
    "jsonl": FileFormat((".jsonl", ".ndjson", ".json"), read_jsonl),
    "csv": FileFormat((".csv", ".tsv"), read_csv),
}
