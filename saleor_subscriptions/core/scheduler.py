"""The embedded scheduler: runs CELERY_BEAT_SCHEDULE in-process when there is no broker."""

import logging
import threading

from celery.schedules import maybe_schedule
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

logger = logging.getLogger(__name__)


def load_tasks(app) -> None:
    """Import the task modules (CELERY_IMPORTS), as a worker does when it starts."""
    app.loader.import_default_modules()


class EmbeddedScheduler(threading.Thread):
    """Each periodic task runs once at start (catching up on what came due while stopped), then on its schedule."""

    def __init__(self, app, schedule: dict | None = None, tick: float = 1.0):
        super().__init__(name="embedded-scheduler", daemon=True)
        self.app = app
        schedule = settings.CELERY_BEAT_SCHEDULE if schedule is None else schedule
        load_tasks(app)
        unknown = sorted({entry["task"] for entry in schedule.values()} - set(app.tasks))
        if unknown:
            raise ImproperlyConfigured(f"the beat schedule names tasks no module defines: {', '.join(unknown)}")
        self.entries = {name: maybe_schedule(entry["schedule"], app=app) for name, entry in schedule.items()}
        self.tasks = {name: entry["task"] for name, entry in schedule.items()}
        self.last_run: dict[str, object] = {name: None for name in self.entries}
        self.tick = tick
        self.stopping = threading.Event()

    def run_due(self) -> list[str]:
        ran = []
        for name, schedule in self.entries.items():
            if self.last_run[name] is not None and not schedule.is_due(self.last_run[name])[0]:
                continue
            self.last_run[name] = timezone.now()
            try:
                self.app.tasks[self.tasks[name]].apply(throw=True)
            except Exception:
                logger.exception("scheduled task %s failed", name)
            ran.append(name)
        return ran

    def run(self):
        logger.info("embedded scheduler running %d periodic task(s)", len(self.entries))
        while not self.stopping.is_set():
            self.run_due()
            self.stopping.wait(self.tick)

    def stop(self):
        self.stopping.set()
