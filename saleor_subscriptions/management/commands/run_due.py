"""`saleor-subscriptions run-due`: run the due renewals, step mails, reminders and retries now."""

from django.core.management.base import BaseCommand, CommandError

from ...config import normalize_api_url
from ...core.due_work import run_due_work
from ...installations.models import Installation


class Command(BaseCommand):
    help = "Run everything due now (renewals, funnel steps, reminders, mail and webhook retries), in this process."

    def add_arguments(self, parser):
        parser.add_argument("--installation", metavar="URL", help="only this Saleor (its API URL)")

    def handle(self, *args, installation=None, **options):
        installations = Installation.objects.active()
        if installation:
            installations = installations.filter(saleor_api_url=normalize_api_url(installation))
            if not installations.exists():
                raise CommandError(f"no active installation for {installation}")
        done = run_due_work(list(installations))
        self.stdout.write(", ".join(f"{name.replace('_', ' ')}: {count}" for name, count in vars(done).items()))
