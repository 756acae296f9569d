"""API keys: random, prefixed by kind, stored only as a SHA-256 hash.

The keys are 256 bits of randomness, so a fast hash is enough; a slow password hash would only
slow down every API call without making a guessed key any likelier.
"""

import hashlib
import secrets

KEY_PREFIXES = {"user": "gu_", "source": "gs_", "brand": "gb_"}


def hash_key(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode("utf-8", "surrogatepass")).hexdigest()


def new_key(kind: str) -> tuple[str, str]:
    """A new raw key of the given kind and its hash. Show the raw key once; store the hash."""
    raw = KEY_PREFIXES[kind] + secrets.token_urlsafe(32)
    return raw, hash_key(raw)
