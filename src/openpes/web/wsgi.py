import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openpes.web.settings")
application = get_wsgi_application()

if os.environ.get("OPENPES_WARM_UP", "1") == "1":
    # Each worker loads the shared match-index snapshot as it boots, not at its first request.
    from openpes.web.catalogue.index import warm_up

    warm_up()

# Everything loaded so far (Django, the taxonomy, the snapshot) lives as long as the worker:
# freezing it keeps the collector from walking it again and again, and a larger first
# generation runs the collector once per request or so, not dozens of times.
gc.freeze()
gc.set_threshold(50_000, 20, 20)
