"""The HTTP session every call to a Saleor instance goes through (keep-alive, bounded timeouts).

The environment's proxies (`HTTPS_PROXY`, `NO_PROXY`, …) and CA bundle are honoured as `requests`
would, but read once per process and host rather than scanned again (netrc included) for every call.
"""

import functools
import os
from urllib.parse import urlsplit

import requests
from requests.utils import get_environ_proxies

from .. import __version__

# Saleor answers within its own 2 s / 18 s budget; we allow the same.
TIMEOUT = (2, 18)


@functools.lru_cache(maxsize=256)
def _proxies(scheme: str, netloc: str) -> dict[str, str]:
    return get_environ_proxies(f"{scheme}://{netloc}/")


class Session(requests.Session):
    def __init__(self):
        super().__init__()
        self.trust_env = False  # what it would read per request is read here once
        self.ca_bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")

    def merge_environment_settings(self, url, proxies, stream, verify, cert):
        parts = urlsplit(url)
        proxies = {**_proxies(parts.scheme, parts.netloc), **(proxies or {})}
        if verify in (True, None) and self.ca_bundle:
            verify = self.ca_bundle
        return super().merge_environment_settings(url, proxies, stream, verify, cert)


session = Session()
session.headers["User-Agent"] = f"saleor-subscriptions/{__version__}"
