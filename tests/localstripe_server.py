"""localstripe bound to 127.0.0.1 only, with its on-disk persistence switched off.

Its own CLI listens on every interface and pickles its store to /tmp/localstripe.pickle on each
write; tests need neither. Usage: python tests/localstripe_server.py PORT
"""

import sys

from aiohttp import web
from localstripe import resources
from localstripe.server import app

resources.Store.dump_to_disk = lambda self: None

if __name__ == "__main__":
    web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), print=None, access_log=None)
