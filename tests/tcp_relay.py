"""A loopback TCP relay that counts the connections made through it (what a peer would see opened)."""

import contextlib
import socket
import threading


class Relay:
    def __init__(self, listener: socket.socket):
        self.url = "http://127.0.0.1:%d" % listener.getsockname()[1]
        self.connections = 0


def _pipe(source: socket.socket, target: socket.socket) -> None:
    with contextlib.suppress(OSError):
        while data := source.recv(65536):
            target.sendall(data)
    with contextlib.suppress(OSError):
        target.shutdown(socket.SHUT_WR)


@contextlib.contextmanager
def counting_relay(port: int):
    """Relay 127.0.0.1:<a free port> to 127.0.0.1:`port`, counting accepted connections."""
    listener = socket.create_server(("127.0.0.1", 0))
    relay = Relay(listener)

    def accept():
        with contextlib.suppress(OSError):
            while True:
                client, _ = listener.accept()
                relay.connections += 1
                upstream = socket.create_connection(("127.0.0.1", port))
                for source, target in ((client, upstream), (upstream, client)):
                    threading.Thread(target=_pipe, args=(source, target), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield relay
    finally:
        listener.close()
