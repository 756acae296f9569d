"""How a source's items reach us: one registry (ADAPTERS) that the Source model's choices, the
create_source command and polling all read. Fetching adapters are modules with
`accepts(source)` and `fetch(url, ...)` (see base.py); bulk files (content.files) and the push
API feed content.ingest directly, so they have no fetcher."""

from dataclasses import dataclass
from types import ModuleType

from content.sources import page, rss


@dataclass(frozen=True)
class Adapter:
    label: str
    fetcher: ModuleType | None = None  # None: nothing to poll, the items are sent to us


ADAPTERS: dict[str, Adapter] = {
    "rss": Adapter("RSS / Atom 订阅", rss),
    "page": Adapter("商品 / 文章页面", page),
    "file": Adapter("批量文件"),
    "push": Adapter("推送 API"),
}
# The adapters polling fetches from, by name.
FETCHERS: dict[str, ModuleType] = {name: a.fetcher for name, a in ADAPTERS.items() if a.fetcher is not None}
