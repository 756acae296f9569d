"""Search terms from the scoring pass's tokens, and queries through the same segmenter.

A document is three runs of terms: the title's and the body's tokens in order (so adjacent
query tokens can be matched as a phrase), and the dictionary sub-words of long tokens (jieba's
search mode: 蓝牙耳机 also yields 蓝牙 and 耳机), so a search for 耳机 finds 蓝牙耳机. A term is a
run of letters and digits, lower-cased: both full-text engines (PostgreSQL's parser with the
`simple` configuration, SQLite FTS5's unicode61 tokenizer) then split the stored text exactly at
the spaces, so what they index is what we segmented. Plain data, no database."""

import re
from dataclasses import dataclass

from content.scoring.analysis import analyze, tokenizer

NON_WORD = re.compile(r"[\W_]+")
CJK_ONLY = re.compile(r"[\u4e00-\u9fff]+")
MAX_TERM = 64  # longer runs are hashes, URLs or keyboard mashing, not words anyone searches for
MAX_BODY_TERMS = 6000  # about 12,000 characters of Chinese: enough to find any item by its body
MAX_QUERY_GROUPS = 12
# Words that carry no topic in a query (a shopper types 好用的帐篷推荐): dropped unless the query
# has nothing else.
QUERY_STOPWORDS = frozenset(
    "的 了 吗 呢 啊 吧 呀 和 与 及 或 跟 我 你 他 她 想 要 求 请 推荐 一个 一款 哪个 哪款 什么 有没有 怎么样 怎么 如何 "
    "有 是 在 买 入手 一下 适合 好物 什么样".split()
)


@dataclass(frozen=True)
class SearchDocument:
    title_terms: str
    body_terms: str
    subword_terms: str


@dataclass(frozen=True)
class QueryGroup:
    """One thing the query asks for: a token (or a run of single characters, matched as an
    adjacent phrase), or, for a long token, all of its dictionary sub-words."""

    phrase: tuple[str, ...]
    subwords: tuple[str, ...] = ()

    @property
    def required(self) -> tuple[str, ...]:
        """Terms every matching document holds: the sub-words when there are any (a document
        with the long token holds them as well), else the phrase's terms."""
        return self.subwords or self.phrase

    def label(self) -> str:
        return "".join(self.phrase)


def terms_of(tokens: list[str]) -> list[str]:
    """Tokens as index terms: letters and digits only, lower case, split at anything else."""
    terms = []
    for token in tokens:
        if token.isalnum():
            if len(token) <= MAX_TERM:
                terms.append(token.lower())
            continue
        terms.extend(part.lower() for part in NON_WORD.split(token) if part and len(part) <= MAX_TERM)
    return terms


def subwords(term: str) -> list[str]:
    """Dictionary words inside a long Chinese term, as jieba's search mode finds them."""
    if len(term) <= 2 or not CJK_ONLY.fullmatch(term):
        return []
    freq = tokenizer().FREQ
    found = []
    for size in (2, 3):
        if len(term) > size:
            found += [term[i : i + size] for i in range(len(term) - size + 1) if freq.get(term[i : i + size])]
    return found


def document_terms(tokens: list[str], title_token_count: int) -> SearchDocument:
    """The search document of an analysed item (tokens from the scoring pass, the first
    `title_token_count` of them the title's)."""
    title = terms_of(tokens[:title_token_count])
    body = terms_of(tokens[title_token_count:])[:MAX_BODY_TERMS]
    extra: dict[str, None] = {}
    for term in {*title, *body}:
        for word in subwords(term):
            extra[word] = None
    return SearchDocument(" ".join(title), " ".join(body), " ".join(sorted(extra)))


def parse_query(text: str) -> list[QueryGroup]:
    """A shopper's query through the scoring pass's segmenter: one group per token, runs of
    single Chinese characters joined into a phrase (睡 + 垫 must be adjacent), topic-free words
    dropped when something else is left. Empty when nothing searchable is left (punctuation,
    emoji)."""
    terms = terms_of(analyze(text[:500], "").tokens)
    groups: list[QueryGroup] = []
    run: list[str] = []
    for term in [*terms, ""]:
        if len(term) == 1 and CJK_ONLY.fullmatch(term) and term not in QUERY_STOPWORDS:
            run.append(term)
            continue
        if run:
            groups.append(QueryGroup(tuple(run)))
            run = []
        if term:
            groups.append(QueryGroup((term,), tuple(subwords(term))))
    topical = [g for g in groups if g.label() not in QUERY_STOPWORDS]
    unique = list(dict.fromkeys(topical or groups))
    return unique[:MAX_QUERY_GROUPS]


def matches(groups: list[QueryGroup], terms: set[str], phrase_text: str) -> bool:
    """Whether a document (its terms as a set, and its title + body terms as one spaced string
    for phrases) matches every group: what the full-text engines decide, in Python, for the few
    documents an alert is checked against."""
    for group in groups:
        if len(group.phrase) == 1:
            if group.phrase[0] not in terms and not (group.subwords and terms.issuperset(group.subwords)):
                return False
        elif f" {' '.join(group.phrase)} " not in f" {phrase_text} ":
            return False
    return True
