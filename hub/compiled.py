"""Queries run on every signed-in request, compiled to SQL once per database connection.

Building a queryset and compiling it to SQL costs more CPU than running it: about 4 ms for the
session member's UNION (hub/auth_backends.py, docs/adr/0103) and 1 ms for a member looked up by
username, against well under 1 ms to run either. A `CompiledQuery` builds its queryset once per
connection with stand-in values, keeps the SQL and its compiler (for the converters it applies to
the rows, as SQLite's dates and booleans need), and runs the SQL again with the values asked for.

Only exact look-ups: each stand-in must reach the SQL parameters unchanged (a `contains` look-up
would wrap it in `%`), which compiling checks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import connections, router
from django.db.models import Model, QuerySet


@dataclass(frozen=True)
class _Statement:
    sql: str
    params: tuple
    slots: tuple[int | None, ...]  # per parameter: the index of the value that replaces it, or None
    compiler: object


class CompiledQuery:
    """`build(model, *stand_ins)` returns the queryset (a `values_list`); `rows(model, *values)`
    runs its SQL with `values` in place of the stand-ins and returns the converted rows."""

    def __init__(self, build: Callable[..., QuerySet], *stand_ins):
        self.build = build
        self.stand_ins = stand_ins

    def rows(self, model: type[Model], *values) -> list[tuple]:
        connection = connections[router.db_for_read(model)]
        statement = self._statement(connection, model)
        params = tuple(
            param if slot is None else values[slot]
            for param, slot in zip(statement.params, statement.slots, strict=True)
        )
        with connection.cursor() as cursor:
            cursor.execute(statement.sql, params)
            found = cursor.fetchall()
        return [tuple(row) for row in statement.compiler.results_iter(results=[found])]

    def _statement(self, connection, model) -> _Statement:
        """The statement kept on this connection (connections are per thread), compiled on first use."""
        kept = connection.__dict__.setdefault("_hub_compiled", {})
        statement = kept.get((self, model))
        if statement is None:
            statement = kept[(self, model)] = self._compile(connection, model)
        return statement

    def _compile(self, connection, model) -> _Statement:
        compiler = self.build(model, *self.stand_ins).query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        slots = tuple(
            next((i for i, stand_in in enumerate(self.stand_ins) if param == stand_in), None) for param in params
        )
        missing = set(range(len(self.stand_ins))) - set(slots)
        if missing:
            raise ValueError(f"stand-ins {sorted(missing)} do not reach the SQL parameters unchanged")
        return _Statement(sql, tuple(params), slots, compiler)
