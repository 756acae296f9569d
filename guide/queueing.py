"""Tasks are queued by name. A service that hands work to a worker does not import its app's
tasks module, which imports the services: each app's tasks.py sits on top of the app and nothing
in the app imports it, so imports run one way and no module imports back into its caller.

The task comes from the Celery app's own registry, so everything task.delay() gives holds here:
routing, retries, and the embedded default's in-process (eager) run. It is read through
celery.current_app (the project's app, made current when the guide package loads): the Celery
module itself reaches into the apps for its preloading."""

from celery import Task, current_app


def task_named(name: str) -> Task:
    """The registered task called name ("content.tasks.score_items"). In a web process nothing
    has imported the tasks modules yet: the first call has Celery import them, as a worker does
    at start (autodiscovery over INSTALLED_APPS)."""
    if name not in current_app.tasks:
        current_app.loader.import_default_modules()
    return current_app.tasks[name]
