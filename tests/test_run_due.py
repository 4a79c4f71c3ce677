"""`saleor-subscriptions run-due`: the operator's way to run what is due now, in its own process."""

import datetime
from unittest import mock

import pytest

from django.core.management import CommandError, call_command

from saleor_subscriptions import cli
from saleor_subscriptions.renewals import engine

from .conftest import renewal_orders

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2027, 2, 28, 6, tzinfo=datetime.UTC)  # 15:00 in Tokyo: the renewal window has closed


def test_the_command_is_run_due(capsys):
    with pytest.raises(SystemExit) as exit:
        cli.main(["run-due", "--help"])
    assert exit.value.code == 0 and "--installation URL" in capsys.readouterr().out


def test_run_due_renews_what_is_due_for_the_named_installation(subscribed, capsys):
    standin, installation, subscription, fake = subscribed
    with mock.patch.object(engine.timezone, "now", return_value=NOW):
        call_command("run_due", installation=standin.api_url)
    assert "renewals: 1" in capsys.readouterr().out
    assert len(renewal_orders(standin)) == 1 and len(fake.charges) == 1
    with mock.patch.object(engine.timezone, "now", return_value=NOW):
        call_command("run_due")  # again: nothing is due any more
    assert "renewals: 0" in capsys.readouterr().out and len(fake.charges) == 1


def test_run_due_refuses_an_unknown_installation(subscribed):
    with pytest.raises(CommandError, match="no active installation for https://unknown.example/graphql/"):
        call_command("run_due", installation="https://unknown.example/graphql/")
