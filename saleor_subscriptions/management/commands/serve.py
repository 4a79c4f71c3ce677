"""Serve the app with waitress; with no broker configured, also run the periodic tasks."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from waitress import serve

from ...core.scheduler import EmbeddedScheduler
from ...wsgi import application


class Command(BaseCommand):
    help = "Serve the Saleor app (manifest at /api/manifest)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=settings.CONFIG.port)
        parser.add_argument("--migrate", action="store_true", help="apply migrations first")
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args, host, port, migrate, threads, **options):
        if migrate:
            call_command("migrate", interactive=False, verbosity=1)
        if settings.CELERY_TASK_ALWAYS_EAGER:
            from ... import celery_app

            EmbeddedScheduler(celery_app).start()
            self.stdout.write("No CELERY_BROKER_URL: tasks run in-process (embedded scheduler on).")
        self.stdout.write(f"Database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}")
        self.stdout.write(f"Manifest URL: {settings.APP_URL}/api/manifest")
        self.stdout.write(f"Allowed Saleor API URLs: {', '.join(settings.SALEOR_ALLOWED_API_URLS)}")
        self.stdout.write(f"Serving on http://{host}:{port}/ (Ctrl-C to stop)")
        self.stdout.flush()
        serve(application, host=host, port=port, threads=threads, ident="saleor-subscriptions")
