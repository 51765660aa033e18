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
from django.db.models.query import get_related_populators


@dataclass(frozen=True)
class Statement:
    """A queryset's SQL compiled with stand-ins, and where each stand-in sits among its parameters."""

    sql: str
    params: tuple
    slots: tuple[int | None, ...]  # per parameter: the index of the value that replaces it, or None
    compiler: object

    def rows(self, connection, values) -> list[tuple]:
        """The statement run with `values` in place of the stand-ins: rows converted as Django would."""
        params = tuple(
            param if slot is None else values[slot] for param, slot in zip(self.params, self.slots, strict=True)
        )
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            found = cursor.fetchall()
        return [tuple(row) for row in self.compiler.results_iter(results=[found])]

    def instances(self, connection, values) -> list[Model]:
        """For a queryset of model instances (with `select_related` and annotations): the instances,
        built as Django's ModelIterable builds them."""
        compiler = self.compiler
        info = compiler.klass_info
        fields = slice(info["select_fields"][0], info["select_fields"][-1] + 1)
        names = [column[0].target.attname for column in compiler.select[fields]]
        populators = get_related_populators(info, compiler.select, connection.alias)
        annotations = (compiler.annotation_col_map or {}).items()
        result = []
        for row in self.rows(connection, values):
            instance = info["model"].from_db(connection.alias, names, row[fields])
            for populator in populators:
                populator.populate(row, instance)
            for name, position in annotations:
                setattr(instance, name, row[position])
            result.append(instance)
        return result


def compile_statement(queryset: QuerySet, connection, stand_ins) -> Statement:
    """`queryset` (built with `stand_ins` as values) compiled once; each stand-in must reach the
    parameters unchanged."""
    compiler = queryset.query.get_compiler(connection=connection)
    sql, params = compiler.as_sql()
    slots = tuple(next((i for i, stand_in in enumerate(stand_ins) if param == stand_in), None) for param in params)
    missing = set(range(len(stand_ins))) - set(slots)
    if missing:
        raise ValueError(f"stand-ins {sorted(missing)} do not reach the SQL parameters unchanged")
    return Statement(sql, tuple(params), slots, compiler)


class CompiledQuery:
    """`build(model, *stand_ins)` returns the queryset (a `values_list`); `rows(model, *values)`
    runs its SQL with `values` in place of the stand-ins and returns the converted rows."""

    def __init__(self, build: Callable[..., QuerySet], *stand_ins):
        self.build = build
        self.stand_ins = stand_ins

    def rows(self, model: type[Model], *values) -> list[tuple]:
        connection = connections[router.db_for_read(model)]
        return self._statement(connection, model).rows(connection, values)

    def _statement(self, connection, model) -> Statement:
        """The statement kept on this connection (connections are per thread), compiled on first use."""
        kept = connection.__dict__.setdefault("_hub_compiled", {})
        statement = kept.get((self, model))
        if statement is None:
            statement = kept[(self, model)] = compile_statement(
                self.build(model, *self.stand_ins), connection, self.stand_ins
            )
        return statement
