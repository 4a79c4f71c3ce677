"""The localstripe fixture the payment tests build on: a real HTTP Stripe fake on loopback."""

import os

import stripe


def test_localstripe_answers_the_stripe_client_on_loopback(localstripe):
    client = stripe.StripeClient("sk_test_localstripe", base_addresses={"api": localstripe}, max_network_retries=0)
    customer = client.v1.customers.create(params={"email": "hanako@example.jp"})
    assert customer.id.startswith("cus_")
    assert client.v1.customers.retrieve(customer.id).email == "hanako@example.jp"
    assert localstripe.startswith("http://127.0.0.1:")


def test_localstripe_keeps_nothing_on_disk(localstripe):
    before = os.stat("/tmp/localstripe.pickle").st_mtime if os.path.exists("/tmp/localstripe.pickle") else None
    client = stripe.StripeClient("sk_test_localstripe", base_addresses={"api": localstripe}, max_network_retries=0)
    client.v1.customers.create(params={"email": "taro@example.jp"})
    after = os.stat("/tmp/localstripe.pickle").st_mtime if os.path.exists("/tmp/localstripe.pickle") else None
    assert before == after
