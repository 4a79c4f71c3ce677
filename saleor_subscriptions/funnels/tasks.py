from celery import shared_task

from ..installations.models import Installation
from ..renewals.engine import today_in
from .actions import send_due_steps


@shared_task
def send_funnel_steps():
    """Beat (hourly): the step mails whose day has come; an enrolment's step is sent once."""
    return sum(send_due_steps(installation, today_in(installation)) for installation in Installation.objects.active())
