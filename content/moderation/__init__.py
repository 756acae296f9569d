"""Editorial gatekeeping: the decision service every door uses (API, desk pages, bulk, admin),
the risk-ranked queue, the audit trail and the public transparency log, scoring-profile drafts.

Modules: decisions.py (writes), queue.py (reads of the queue and its health), audit.py (the
append-only trail and the public log), profiles.py (drafts, preview, activation),
visibility.py (what a decision tells the caches and lists), reports.py (shoppers' reports)."""
