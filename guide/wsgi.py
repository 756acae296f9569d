import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guide.settings")
application = get_wsgi_application()

# Each web process loads its models and dictionaries as it starts, so the first request it
# serves (a push batch, a search, the assistant) does not wait for them.
from guide.celery import preload  # noqa: E402 (needs the settings above)

preload()
