"""Real sockets on 127.0.0.1 that play an engine which is down or hung (issue 10's outage tests).

- `dead_port()`: a port where nothing listens (bound, then closed): connections are refused.
- `silent_server(port)`: a listener that accepts connections and never sends a byte, like a service
  behind a black hole. It holds what it accepted until the block ends.
"""

import contextlib
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field


def dead_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class SilentServer:
    port: int
    accepted: list[socket.socket] = field(default_factory=list)


@contextlib.contextmanager
def silent_server(port: int = 0, backlog: int = 64) -> Iterator[SilentServer]:
    server = socket.socket()
    server.bind(("127.0.0.1", port))
    server.listen(backlog)
    server.settimeout(0.2)
    silent = SilentServer(port=server.getsockname()[1])
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                silent.accepted.append(server.accept()[0])
            except TimeoutError:
                continue
            except OSError:
                return

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield silent
    finally:
        stop.set()
        thread.join()
        for connection in silent.accepted:
            connection.close()
        server.close()
