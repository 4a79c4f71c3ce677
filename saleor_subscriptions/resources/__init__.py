"""Where the non-Python parts of the app live: `graphql/` documents and `emails/` templates.

In a source checkout they sit at the top of the repository; an installed copy carries them
inside this package (setup.cfg maps them here).
"""

import functools
from pathlib import Path

_HERE = Path(__file__).resolve().parent
_CHECKOUT = _HERE.parent.parent


@functools.cache  # where they are does not change while the process runs
def resource_dir(name: str) -> Path:
    for candidate in (_HERE / name, _CHECKOUT / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"resource directory {name!r} is missing from this installation")
