"""localstripe bound to 127.0.0.1 only, with its on-disk persistence switched off.

Its own CLI listens on every interface and pickles its store to /tmp/localstripe.pickle on each
write; tests need neither. Stripe parameters it lacks are added: creating a PaymentIntent with
`setup_future_usage` (its card is attached to the customer when confirmed), confirming one with
`payment_method` and `off_session`, and listing them by `customer` and `created`; a confirmed SetupIntent
attaches its card to its customer, and a declined one waits for another card with `last_setup_error`, as
on Stripe (localstripe cancels it). It never replays idempotency keys. Usage: python tests/localstripe_server.py PORT
"""

import sys

from aiohttp import web
from localstripe import resources

resources.Store.dump_to_disk = lambda self: None
create, confirm = resources.PaymentIntent._api_create, resources.PaymentIntent._api_confirm
list_all = resources.PaymentIntent._api_list_all
setup_create, setup_confirm = resources.SetupIntent._api_create, resources.SetupIntent._api_confirm


def _create(cls, setup_future_usage=None, **data):
    intent = create.__func__(cls, **data)
    intent.setup_future_usage = setup_future_usage  # Stripe always answers with it (null when not asked)
    return intent


def _confirm(cls, id, payment_method=None, off_session=None, **kwargs):
    intent = cls._api_retrieve(id)
    if payment_method is not None:
        intent.payment_method = payment_method
    if getattr(intent, "setup_future_usage", None) and intent.customer:
        resources.PaymentMethod._api_retrieve(intent.payment_method).customer = intent.customer
    if intent.status == "requires_payment_method" and intent.latest_charge is not None:
        intent.latest_charge = None  # a declined intent may be confirmed again, as on Stripe
    return confirm.__func__(cls, id, **kwargs)


def _list_all(cls, url, customer=None, created=None, limit=None, starting_after=None, **kwargs):
    listed = list_all.__func__(cls, url, limit=limit, starting_after=starting_after, **kwargs)
    since = int((created or {}).get("gte", 0))
    listed._list = [intent for intent in listed._list
                    if (customer is None or intent.customer == customer) and intent.created >= since]
    return listed


def _create_setup(cls, **data):
    intent = setup_create.__func__(cls, **data)
    intent.last_setup_error = None
    return intent


def _confirm_setup(cls, id, **kwargs):
    intent = cls._api_retrieve(id)
    try:
        setup_confirm.__func__(cls, id, **kwargs)
    except resources.UserError as exc:
        if exc.code == 402:
            intent.status, intent.last_setup_error = "requires_payment_method", {**exc.body["error"], "type": "card_error"}
        raise
    intent.last_setup_error = None
    if intent.status == "succeeded" and intent.customer:
        resources.PaymentMethod._api_retrieve(intent.payment_method).customer = intent.customer
    return intent


resources.PaymentIntent._api_create = classmethod(_create)
resources.PaymentIntent._api_confirm = classmethod(_confirm)
resources.PaymentIntent._api_list_all = classmethod(_list_all)
resources.SetupIntent._api_create = classmethod(_create_setup)
resources.SetupIntent._api_confirm = classmethod(_confirm_setup)
patched = {confirm: resources.PaymentIntent._api_confirm, setup_confirm: resources.SetupIntent._api_confirm}
resources.extra_apis[:] = [(method, url, patched.get(func, func)) for method, url, func in resources.extra_apis]

from localstripe.server import app  # noqa: E402  (its routes are made from the patched resources)

if __name__ == "__main__":
    web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), print=None, access_log=None)
