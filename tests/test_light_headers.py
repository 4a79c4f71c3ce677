"""Answers' headers read without the `email` package give what `http.client` gives."""

import http.client
import io

import pytest

from saleor_subscriptions.saleor import http as transport
from saleor_subscriptions.saleor.light_headers import parse_headers

BLOCKS = [
    b"Content-Type: application/json\r\nContent-Length: 12\r\nSet-Cookie: a=1\r\nset-cookie: b=2\r\n\r\n",
    b"X-Folded: one\r\n  two\r\n\tthree\r\nX-Empty:\r\nX-Spaces:   padded  \r\nServer: \xe9t\xe9\r\n\r\n",
    b"Date: Mon, 01 Mar 2027 00:00:00 GMT\nConnection: keep-alive\n\n",
    b"Good: yes\r\nnot a header line\r\nAfter: ignored\r\n\r\n",
    b"\r\n",
]


@pytest.mark.parametrize("block", BLOCKS)
def test_headers_are_read_as_http_client_reads_them(block):
    ours, stdlib = parse_headers(io.BytesIO(block + b"body")), http.client.parse_headers(io.BytesIO(block + b"body"))
    assert ours.items() == stdlib.items()
    assert ours.get_payload() == stdlib.get_payload()
    assert ours.get_all("set-cookie") == stdlib.get_all("set-cookie")


def test_an_answer_through_the_pool_keeps_its_headers_status_and_body():
    from tests.saleor_standin.transport import serve
    from tests.saleor_standin.standin import SaleorStandin

    with serve(SaleorStandin) as standin:
        answer = transport.request("POST", standin.api_url, body=b'{"query": "{ shop { name } }"}',
                                   headers={"Content-Type": "application/json"})
    assert answer.status == 200 and answer.headers["content-type"].startswith("application/json")
    assert b'"data"' in answer.content or b'"errors"' in answer.content
