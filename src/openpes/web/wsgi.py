import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openpes.web.settings")
application = get_wsgi_application()

if os.environ.get("OPENPES_WARM_UP", "1") == "1":
    # Each worker loads the shared match-index snapshot as it boots, not at its first request.
    from openpes.web.catalogue.index import warm_up

    warm_up()
