"""Tooling for operators, benchmarks and tests, kept out of the apps that serve users: nothing in
guide, content, interests or recommender imports it (tests/test_architecture.py holds that line).

- loadgen.py and benchserver.py: the load generator and the gunicorn the benchmarks time;
- processes.py, chaos.py, scenarios.py: real processes (a Redis of our own, Celery worker and beat)
  and the fault matrix measured with them (manage.py chaos_check, tests/integration/test_faults.py);
- benchmarks/: the corpus builders and measurements behind the bench_* commands;
- management/commands/: the thin bench_* and chaos_check commands.
"""
