"""Benchmark tooling of this app (corpus builders, measurements); nothing here serves users."""
