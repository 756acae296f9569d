from django.apps import AppConfig


class ToolingConfig(AppConfig):
    # No models and no URLs: installed only so that manage.py finds the bench_* commands.
    name = "tooling"
    verbose_name = "Benchmarks and operator tooling"
