"""A webhook handed to a real Celery worker through a Redis broker (as in production)."""

import threading
import time

import kombu.pools
import pytest
from celery.contrib.testing.worker import start_worker

from saleor_subscriptions import celery_app
from saleor_subscriptions.saleor.webhooks.handlers import HANDLERS
from saleor_subscriptions.saleor.webhooks.models import WebhookDelivery

from .test_webhooks import ORDER

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def reconnect():
    """Drop pooled broker connections so the next publish uses the current broker_url."""
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
        celery_app._pool = None
    celery_app.amqp._producer_pool = None
    kombu.pools.reset()  # kombu also caches producer pools per broker, process-wide


@pytest.fixture
def worker(redis_broker):
    previous = {"broker_url": celery_app.conf.broker_url, "task_always_eager": celery_app.conf.task_always_eager}
    celery_app.conf.update(broker_url=redis_broker, task_always_eager=False, broker_connection_retry_on_startup=True)
    reconnect()
    try:
        with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield
    finally:
        celery_app.conf.update(previous)
        reconnect()


def wait_for(predicate, timeout=15):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_the_receiver_answers_and_a_worker_processes_the_delivery(installed, app_http, worker, monkeypatch):
    standin, _, _ = installed
    threads = []
    monkeypatch.setitem(HANDLERS, "order_created", lambda installation, payload: threads.append(threading.current_thread()))
    [(status, _, _)] = standin.emit(app_http, "ORDER_CREATED", {"order": ORDER})
    assert status == 200
    assert wait_for(lambda: WebhookDelivery.objects.filter(status=WebhookDelivery.Status.PROCESSED, attempts=1).exists())
    assert threads and threads[0] is not threading.main_thread()  # not run inline by the request


def test_every_beat_entry_names_a_task_the_workers_know(settings):
    from saleor_subscriptions.celery import app

    app.loader.import_default_modules()
    assert {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()} <= set(app.tasks)
    assert "saleor_subscriptions.funnels.tasks.send_funnel_steps" in app.tasks
