"""Search over approved, original items.

Items are tokenised once, on the scoring pass: `terms.document_terms` turns that pass's tokens
into the stored search document (`ItemSearch`), and queries go through the same segmenter
(`terms.parse_query`). `index.py` writes documents, `backends.py` holds the two full-text
dialects (PostgreSQL tsvector + GIN, SQLite FTS5), `query.py` is the selector and `ranking.py`
the policy that combines text relevance, 值得买指数 and freshness, explained per hit."""
