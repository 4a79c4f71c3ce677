"""The embedded scheduler: runs CELERY_BEAT_SCHEDULE in-process when there is no broker."""

import logging
import threading
import time

from celery.schedules import maybe_schedule
from django.conf import settings
from django.utils import timezone

logger = logging.getLogger(__name__)


class EmbeddedScheduler(threading.Thread):
    def __init__(self, app, schedule: dict | None = None, tick: float = 1.0):
        super().__init__(name="embedded-scheduler", daemon=True)
        self.app = app
        schedule = settings.CELERY_BEAT_SCHEDULE if schedule is None else schedule
        self.entries = {name: maybe_schedule(entry["schedule"], app=app) for name, entry in schedule.items()}
        self.tasks = {name: entry["task"] for name, entry in schedule.items()}
        self.last_run = {name: timezone.now() for name in self.entries}
        self.tick = tick
        self.stopping = threading.Event()

    def run_due(self) -> list[str]:
        ran = []
        for name, schedule in self.entries.items():
            due, _ = schedule.is_due(self.last_run[name])
            if not due:
                continue
            self.last_run[name] = timezone.now()
            try:
                self.app.tasks[self.tasks[name]].apply()
            except Exception:
                logger.exception("scheduled task %s failed", name)
            ran.append(name)
        return ran

    def run(self):
        logger.info("embedded scheduler running %d periodic task(s)", len(self.entries))
        while not self.stopping.is_set():
            self.run_due()
            time.sleep(self.tick)

    def stop(self):
        self.stopping.set()
