"""Bounds of the load benchmarks' size options: an absurd size (zero clients, minus five
requests, a million workers) is answered with what the option accepts, before any work."""

from django.core.management.base import CommandError


def check_sizes(options: dict, bounds: dict[str, tuple[int, int]]) -> None:
    """Raise CommandError naming the first option outside its (low, high) bounds; None passes
    (an option left to its computed default)."""
    for name, (low, high) in bounds.items():
        value = options.get(name)
        if value is not None and not low <= value <= high:
            raise CommandError(f"--{name.replace('_', '-')} 应在 {low:,} 到 {high:,} 之间，收到 {value}")
