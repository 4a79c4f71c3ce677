import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saleor_subscriptions.settings")
application = get_wsgi_application()

from .access.wsgi import with_access_check  # noqa: E402  (Django is set up now)

application = with_access_check(application)
