"""Django's PostgreSQL backend, with a kept connection's health read off its socket instead of asked
in a round trip (docs/adr/0113). settings/env.py names it as the ENGINE for a postgres:// URL.

With `CONN_HEALTH_CHECKS` (settings/env.py), Django asks the server `SELECT 1` before the first query
of every request that uses a kept connection: a round trip per request, and under load one more
time the worker waits on the database and the cores switch between them. A connection the server
has ended (a restart, `pg_terminate_backend`, `idle_session_timeout`, a pooler closing it) has told
the client so before it closed: its socket has something to read, though the client asked nothing.
So the check looks at the socket without waiting: nothing to read, the connection is kept; anything
to read, or the connection already broken, it is closed and the next query opens a new one, as
after Django's own failed check. Like Django's, it runs once per request (and once per use outside
requests), before the first cursor; `hub.compiled.prepared_cursor` asks for it too.

What neither check finds is a server that vanished without a word (a host cut off): there the
`SELECT 1` would wait as long as the first query now does.
"""

from __future__ import annotations

import select

import psycopg
from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
    def close_if_health_check_failed(self):
        if self.connection is None or not self.health_check_enabled or self.health_check_done:
            return
        if server_spoke(self.connection):
            self.close()
        self.health_check_done = True


def server_spoke(client) -> bool:
    """Has the server said anything (a goodbye, an error) on this idle connection, or is it broken?"""
    if client.closed or client.broken:
        return True
    try:
        socket = client.pgconn.socket
    except psycopg.OperationalError:  # no usable socket
        return True
    readable, _writable, _failed = select.select([socket], [], [], 0)
    return bool(readable)
