"""localstripe bound to 127.0.0.1 only, with its on-disk persistence switched off.

Its own CLI listens on every interface and pickles its store to /tmp/localstripe.pickle on each
write; tests need neither. Stripe parameters it lacks are added: creating a PaymentIntent with
`setup_future_usage` (its card is attached to the customer when confirmed), confirming one with
`payment_method` and `off_session`, and listing them by `customer` and `created`. It never replays
idempotency keys. Usage: python tests/localstripe_server.py PORT
"""

import sys

from aiohttp import web
from localstripe import resources

resources.Store.dump_to_disk = lambda self: None
create, confirm = resources.PaymentIntent._api_create, resources.PaymentIntent._api_confirm
list_all = resources.PaymentIntent._api_list_all


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


resources.PaymentIntent._api_create = classmethod(_create)
resources.PaymentIntent._api_confirm = classmethod(_confirm)
resources.PaymentIntent._api_list_all = classmethod(_list_all)
resources.extra_apis[:] = [(method, url, resources.PaymentIntent._api_confirm if func == confirm else func)
                           for method, url, func in resources.extra_apis]

from localstripe.server import app  # noqa: E402  (its routes are made from the patched resources)

if __name__ == "__main__":
    web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), print=None, access_log=None)
