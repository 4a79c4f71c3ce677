"""Renewal mail benchmark (not a test): prints numbers.

    .venv/bin/python bench/mails.py [--events 500] [--passes 3] [--shop-templates]

Needs PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/ss_mailcost_bench; the database is
created and emptied). Builds `--events` subscriptions (ja and en, card and konbini, one or two lines, some renewed on a
retry) each with its renewed cycle and one `renewal.done` event, the shop asking for a mail per billing result, then
hands each event to `notify` as the Celery task does and measures, per event, the app CPU (`time.thread_time`) and SQL
statements of rendering and queueing its mails, and separately of delivering them through Django's locmem backend;
then hands 100 of them over again (a retried task: nothing is mailed twice). `--shop-templates`: the shop has saved
its own template (the Dashboard's Mail templates tab) for every mail the bench sends, in both languages.
`--callgrind`: one more pass of rendering and queueing with callgrind's instrumentation on, for instructions counted
by valgrind, which the machine's other jobs do not move:

    valgrind --tool=callgrind --instr-atstart=no .venv/bin/python bench/mails.py --events 100 --passes 1 --callgrind
"""

import argparse
import cProfile
import datetime
import os
import statistics
import subprocess
import time
from decimal import Decimal

from bench_setup import fresh_database  # noqa: E402 (bench/ is the script's own directory)

BENCH_DB = fresh_database("ss_mailcost_bench")
from django.conf import settings  # noqa: E402
from django.core import mail as outbox  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402

from saleor_subscriptions.core.models import Event  # noqa: E402
from saleor_subscriptions.installations.models import Installation  # noqa: E402
from saleor_subscriptions.mail import sending, tasks  # noqa: E402
from saleor_subscriptions.mail import shop_templates  # noqa: E402
from saleor_subscriptions.mail.models import MailLog  # noqa: E402
from saleor_subscriptions.mail.notifications import notify  # noqa: E402
from saleor_subscriptions.payments.models import PaymentInstructions  # noqa: E402
from saleor_subscriptions.plans import actions as plan_actions  # noqa: E402
from saleor_subscriptions.subscriptions.models import Renewal, Subscription, SubscriptionLine  # noqa: E402

TODAY = datetime.date(2027, 2, 28)
ADDRESSES = {
    "ja": {"firstName": "花子", "lastName": "山田", "streetAddress1": "丸の内1-1", "city": "千代田区", "postalCode": "100-0005",
           "country": {"code": "JP"}, "countryArea": "東京都", "phone": "+81312345678"},
    "en": {"firstName": "Alice", "lastName": "Doe", "streetAddress1": "2-3-4 Roppongi", "city": "Minato-ku",
           "postalCode": "106-0032", "country": {"code": "JP"}, "countryArea": "Tokyo", "phone": "+81312345679"},
}
TERMS = {"schedule": {"interval_unit": "month"}, "regular": {"amounts": {"JPY": "6000"}},
         "texts": {"ja": {"name": "煎茶の定期便"}, "en": {"name": "Sencha subscription"}}}
STORES = {"familymart": {"confirmationNumber": "123456", "paymentCode": "012345678901"},
          "lawson": {"confirmationNumber": "654321", "paymentCode": "109876543210"},
          "ministop": {"confirmationNumber": "654321", "paymentCode": "109876543210"},
          "seicomart": {"confirmationNumber": "111111", "paymentCode": "222222222222"}}


def shop() -> Installation:
    return Installation.objects.create(
        saleor_api_url="https://shop.example.jp/graphql/", app_id="QXBwOjE=", default_language="ja",
        sender_name="お茶の山田園", sender_address="東京都千代田区丸の内1-1", sender_email="shop@yamada-en.example.jp",
        merchant_email="owner@yamada-en.example.jp", merchant_notifications="each",
        bank_transfer_details={"ja": "みずほ銀行 丸の内支店 普通 1234567 ヤマダエン"})


def renewed(installation, events: int) -> list[int]:
    """`events` subscriptions just renewed (cycle 2), each with its `renewal.done` event; the events' ids."""
    plan_actions.publish_after_commit = lambda product: None  # no Saleor here to show plans to
    plan = plan_actions.create_plan(installation, product_id="UHJvZHVjdDox", code="sencha", terms=TERMS)
    languages = ["ja" if n % 2 == 0 else "en" for n in range(events)]
    kinds = ["konbini" if n % 3 == 0 else "card" for n in range(events)]
    subscriptions = Subscription.objects.bulk_create(
        Subscription(installation=installation, plan=plan, status="active", origin_order_id=f"o{n}",
                     customer_id=f"VXNlcjo{n}", email=f"customer{n}@example.jp", channel_id="Q2hhbm5lbDox", channel_slug="jp",
                     currency="JPY", language=languages[n], payment_kind=kinds[n], shipping_address=ADDRESSES[languages[n]],
                     billing_address=ADDRESSES[languages[n]], shipping_method_id="U2hpcHBpbmdNZXRob2Q6MQ==",
                     started_on=TODAY.replace(month=1), deliveries=2, next_renewal_on=TODAY.replace(month=3, day=28))
        for n in range(events))
    SubscriptionLine.objects.bulk_create(
        SubscriptionLine(subscription=subscription, variant_id=f"UHJvZHVjdFZhcmlhbnQ6{line}", quantity=1 + n % 3,
                         plan_version=plan.current_version)
        for n, subscription in enumerate(subscriptions) for line in range(1 + n % 2))
    Renewal.objects.bulk_create(
        Renewal(subscription=subscription, cycle=2, state="done", scheduled_for=TODAY, attempts=1 if n % 20 == 0 else 0,
                amount=Decimal(6500 * (1 + n % 3)), currency="JPY", payment_intent_id=f"pi_{n}",
                saleor_order_id=f"T3JkZXI6{n:08d}", saleor_order_number=str(1000 + n), payment_kind=kinds[n])
        for n, subscription in enumerate(subscriptions))
    PaymentInstructions.objects.bulk_create(
        PaymentInstructions(installation=installation, saleor_transaction_id=f"tr_{n}", method="konbini",
                            payment_intent_id=f"pi_{n}", amount=Decimal(6500 * (1 + n % 3)), currency="JPY", stores=STORES,
                            voucher_url=f"https://payments.stripe.com/konbini/voucher/{n}",
                            expires_at=datetime.datetime(2027, 3, 3, 15, tzinfo=datetime.UTC))
        for n in range(events) if kinds[n] == "konbini")
    return [event.pk for event in Event.objects.bulk_create(  # no post_save: the bench hands them over itself
        Event(installation=installation, type="renewal.done", actor="system",
              data={"subscription": subscription.pk, "cycle": 2, "order": f"T3JkZXI6{n:08d}",
                    "amount": str(Decimal(6500 * (1 + n % 3))), "status": "active"})
        for n, subscription in enumerate(subscriptions))]


def measured(call) -> tuple[float, int]:
    """App CPU (ms) and SQL statements of `call()`."""
    statements = []
    with connection.execute_wrapper(lambda execute, *args: statements.append(1) or execute(*args)):
        started = time.thread_time()
        call()
        cpu = time.thread_time() - started
    return cpu * 1000, len(statements)


def summary(title: str, figures: list[tuple[float, int]], mails: int = 0) -> None:
    cpu = [ms for ms, _ in figures]
    statements = sum(n for _, n in figures)
    print(f"  {title}: app CPU mean {statistics.fmean(cpu):5.2f} ms, median {statistics.median(cpu):5.2f} ms, "
          f"p95 {sorted(cpu)[int(len(cpu) * 0.95)]:5.2f} ms; {statements / len(figures):4.1f} SQL statements"
          + (f" ({statements / mails:3.1f} per mail)" if mails else ""))


def one_pass(installation, ids: list[int], queued: list) -> tuple[list, list, int]:
    """Every event's mails rendered and queued, then delivered: the figures of each, and how many mails."""
    MailLog.objects.all().delete()
    queued.clear()
    outbox.outbox = []
    render_queue = [measured(lambda event_id=event_id: notify(event_id)) for event_id in ids]
    delivering = []
    for event_id in ids:
        mail_ids = list(MailLog.objects.filter(installation=installation, key__startswith=f"event-{event_id}-")
                        .values_list("pk", flat=True))
        delivering.append(measured(lambda mail_ids=mail_ids: [sending.deliver(pk) for pk in mail_ids]))
    assert len(outbox.outbox) == len(queued) == MailLog.objects.filter(status="sent").count(), "a mail went missing"
    return render_queue, delivering, len(queued)


def own_templates(installation) -> None:
    """The shop's own version of every mail a renewal sends: the default with the shop's name in the subject."""
    for kind in ("renewal_placed", "payment_succeeded", "payment_instructions", "merchant_billing"):
        for language in ("ja", "en"):
            default = shop_templates.default_sources(kind, language)
            shop_templates.save(installation, kind, language, {**default, "subject": "[お茶の山田園] " + default["subject"]})


def instrumented(call) -> None:
    """`call()` with callgrind's instrumentation on (the process runs under valgrind with `--instr-atstart=no`)."""
    def switch(state: str) -> None:
        subprocess.run(["callgrind_control", "--instr=" + state, str(os.getpid())], check=True, capture_output=True)
    switch("on")
    try:
        call()
    finally:
        switch("off")


def main(events: int, passes: int, profile: str = "", own: bool = False, callgrind: bool = False) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    installation = shop()
    if own:
        own_templates(installation)
    ids = renewed(installation, events)
    queued = []
    tasks.deliver_mail.delay = queued.append  # delivered in the bench, measured on their own
    for event_id in ids[:6]:  # the first mail of each kind and language compiles its templates: not what a renewal costs
        notify(event_id)
    runs = [one_pass(installation, ids, queued) for _ in range(passes)]
    retried = [measured(lambda event_id=event_id: notify(event_id)) for event_id in ids[:100]]
    if profile:  # one more pass of rendering and queueing, under cProfile (this thread's CPU)
        MailLog.objects.all().delete()
        profiler = cProfile.Profile(time.thread_time)
        with profiler:
            for event_id in ids:
                notify(event_id)
        profiler.dump_stats(profile)
    if callgrind:  # one more pass of rendering and queueing, its instructions counted by callgrind
        MailLog.objects.all().delete()
        instrumented(lambda: [notify(event_id) for event_id in ids])
        print(f"callgrind counted one pass of render + queue over {events} events: its total (I refs) / {events} per event")
    mails = runs[0][2]
    if own:
        assert not MailLog.objects.exclude(subject__startswith="[お茶の山田園]").exists(), "a mail missed the shop's template"
    kinds = dict(MailLog.objects.values_list("kind").annotate(n=Count("pk")).order_by("kind"))
    print(f"{events} renewal.done events (ja and en; card, and konbini every third; a retry every twentieth), "
          f"the merchant mailed each result; {mails} mails: {kinds}"
          + ("; the shop's own templates for all of them" if own else ""))
    print(f"PostgreSQL {connection.pg_version // 10000}; per event, after a warm-up (the first six events mailed once); "
          f"of {passes} passes over all events, the one with the least CPU (the machine is shared)")
    summary("render + queue (notify)", min((run[0] for run in runs), key=lambda figures: sum(f[0] for f in figures)), mails)
    summary("deliver (locmem backend)", min((run[1] for run in runs), key=lambda figures: sum(f[0] for f in figures)), mails)
    summary("a retried hand-off (mails nothing)", retried)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=500)
    parser.add_argument("--passes", type=int, default=3, help="the whole run repeated; the least CPU of them is shown")
    parser.add_argument("--profile", default="", help="also profile one pass of rendering and queueing into this file")
    parser.add_argument("--shop-templates", action="store_true", help="the shop's own templates for every mail sent")
    parser.add_argument("--callgrind", action="store_true", help="under valgrind: one pass counted by callgrind (above)")
    options = parser.parse_args()
    main(options.events, options.passes, options.profile, options.shop_templates, options.callgrind)
