"""Connection pools whose answers' headers are split at the colon rather than run through the `email` package.

`http.client` reads each answer's header block with `email.parser` (a feed parser with its policy and defect
hunting): a fifth of the HTTP layer's CPU per call on the renewal path, for a dozen `Name: value` lines. The
answer class here runs `http.client`'s own `HTTPResponse.begin` (status line, 100-continue, chunking, lengths,
keep-alive) with only its `parse_headers` swapped for `parse_headers` below, which gives the same
`HTTPMessage` — names and values as the `email` package's compat32 policy keeps them — for well-formed headers;
from the first line that is no header, the rest is left as the message's payload, as `email` does, so urllib3
reports it just the same.
"""

import http.client
import re
import types

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection

NAME = re.compile(r"[\041-\071\073-\176]+:")  # what `email` takes for a header's name and its colon


def parse_headers(fp) -> http.client.HTTPMessage:
    """The header block of an answer (`http.client.parse_headers` without the feed parser)."""
    message, lines = http.client.HTTPMessage(), http.client._read_headers(fp)
    headers = message._headers  # compat32's own list of (name, value), what `email` fills in
    message.set_payload("")  # what `email` leaves after a well-formed block
    for index, raw in enumerate(lines):
        line = raw.decode("iso-8859-1")
        if line in ("\r\n", "\n", ""):
            break
        if line[0] in " \t" and headers:  # a folded line continues the previous value
            name, value = headers[-1]
            headers[-1] = (name, value + "\r\n" + line.rstrip("\r\n"))
            continue
        name = NAME.match(line)
        if name is None:
            message.set_payload(b"".join(lines[index:]).decode("iso-8859-1"))
            break
        headers.append((line[:name.end() - 1], line[name.end():].lstrip(" \t").rstrip("\r\n")))
    return message


class LightResponse(http.client.HTTPResponse):
    begin = types.FunctionType(http.client.HTTPResponse.begin.__code__,
                               {**vars(http.client), "parse_headers": parse_headers}, "begin")


class LightHTTPConnection(HTTPConnection):
    response_class = LightResponse


class LightHTTPSConnection(HTTPSConnection):
    response_class = LightResponse


class LightHTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = LightHTTPConnection


class LightHTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = LightHTTPSConnection


def lighten(manager: urllib3.PoolManager) -> urllib3.PoolManager:
    """The manager, its pools answering through `LightResponse`."""
    manager.pool_classes_by_scheme = {"http": LightHTTPPool, "https": LightHTTPSPool}
    return manager
