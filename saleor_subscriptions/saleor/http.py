"""The HTTP session every call to a Saleor instance goes through (keep-alive, bounded timeouts)."""

import requests

from .. import __version__

# Saleor answers within its own 2 s / 18 s budget; we allow the same.
TIMEOUT = (2, 18)

session = requests.Session()
session.headers["User-Agent"] = f"saleor-subscriptions/{__version__}"
