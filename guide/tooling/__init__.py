"""Tooling for operators and tests, kept off the floors that serve users: nothing here is imported
by a view, a task or a service. processes.py starts the real processes (Redis of our own, Celery
worker and beat); chaos.py measures the fault matrix with them (manage.py chaos_check, and the
fault tests in tests/integration/)."""
