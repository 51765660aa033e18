"""Queries run on every signed-in request, compiled to SQL once per database connection.

Building a queryset and compiling it to SQL costs more CPU than running it: about 4 ms for the
session member's UNION (hub/auth_backends.py, docs/adr/0103) and 1 ms for a member looked up by
username, against well under 1 ms to run either. A `CompiledQuery` builds its queryset once per
connection with stand-in values, keeps the SQL and its compiler (for the converters it applies to
the rows, as SQLite's dates and booleans need), and runs the SQL again with the values asked for.

Only exact look-ups: each stand-in must reach the SQL parameters unchanged (a `contains` look-up
would wrap it in `%`), which compiling checks.

On PostgreSQL the statements also run prepared (docs/adr/0110): Django sends every query as text
with its values written in, and PostgreSQL plans each one again; planning these joins (the member
with their roles, routing's chain with its restrictions) took 2-3.5 ms of the database's CPU per
statement against well under 0.5 ms to run them. A prepared statement is parsed once per
connection, and once PostgreSQL has seen that its plan does not depend on the values, it is not
planned again either. HUB_PREPARED_STATEMENTS (DATABASE_PREPARED_STATEMENTS=0) turns this off for a
connection pooler that cannot keep prepared statements (PgBouncer in transaction mode before 1.21).

For SQL written by hand (a rating's statements, docs/adr/0109), `model_instances` runs a read of one
model's columns prepared and makes its rows instances as `Model.objects.raw` would, and `insert`
writes a new row as `Model.objects.create` would, each worked out once per connection.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import psycopg
from django.conf import settings
from django.db import connections, router
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators
from django.db.models.sql import Query


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
        with prepared_cursor(connection) as cursor:
            cursor.execute(self.sql, params)
            found = cursor.fetchall()
        converters = self._converters
        if converters is None:  # composite fields: Django's own way
            return [tuple(row) for row in self.compiler.results_iter(results=[found])]
        return [tuple(row) for row in self.compiler.apply_converters(found, converters)] if converters else found

    @cached_property
    def _converters(self) -> dict | None:
        """What `results_iter` works out on every call, once: the converters of the selected columns
        (None when a composite field needs Django's own path)."""
        compiler = self.compiler
        fields = [column[0] for column in compiler.select[0 : compiler.col_count]]
        if compiler.has_composite_fields(fields):
            return None
        return compiler.get_converters(fields)

    def instances(self, connection, values) -> list[Model]:
        """For a queryset of model instances (with `select_related` and annotations): the instances,
        built as Django's ModelIterable builds them."""
        model, fields, names, populators, annotations = self._builder(connection.alias)
        result = []
        for row in self.rows(connection, values):
            instance = model.from_db(connection.alias, names, row[fields])
            for populator in populators:
                populator.populate(row, instance)
            for name, position in annotations:
                setattr(instance, name, row[position])
            result.append(instance)
        return result

    def _builder(self, alias: str) -> tuple:
        """What turns a row into instances, worked out once (the statement is kept per connection):
        the model, its columns and their names, the related objects' populators, the annotations."""
        kept = self.__dict__.setdefault("_builders", {})
        if alias not in kept:
            compiler = self.compiler
            info = compiler.klass_info
            fields = slice(info["select_fields"][0], info["select_fields"][-1] + 1)
            names = [column[0].target.attname for column in compiler.select[fields]]
            populators = get_related_populators(info, compiler.select, alias)
            kept[alias] = (info["model"], fields, names, populators, tuple((compiler.annotation_col_map or {}).items()))
        return kept[alias]


def prepared_cursor(connection):
    """Django's cursor, except on PostgreSQL (psycopg 3), where it binds the values on the server
    and prepares each statement on its first run on the connection: Django's wrapper still counts
    and logs it. For statements of a fixed text run on every request or write, values as parameters."""
    if connection.vendor != "postgresql" or not settings.HUB_PREPARED_STATEMENTS:
        return connection.cursor()
    connection.close_if_health_check_failed()  # as Django's own cursors do first (hub/postgresql)
    connection.ensure_connection()
    connection.validate_thread_sharing()
    database = connection.connection
    if database.prepare_threshold is None:
        # Django turns psycopg's preparing off; its own cursors bind on the client and never
        # prepare, so a threshold no query reaches lets only this cursor's statements be prepared.
        database.prepare_threshold = 2**31
    with connection.wrap_database_errors:
        raw = _PreparedCursor(database)
    if connection.queries_logged:
        return _PreparedDebugWrapper(raw, connection)
    return connection.make_cursor(raw)


class _PreparedCursor(psycopg.Cursor):
    """Binds values on the server and prepares every statement it runs (psycopg keeps them per
    connection, at most `prepared_max`)."""

    def execute(self, query, params=None, *, prepare=None, binary=None):
        return super().execute(query, params, prepare=True, binary=binary)


class _PreparedDebugWrapper(CursorDebugWrapper):
    """Logs a prepared statement as Django logs its own queries: the SQL with its values written in
    (Django's reading of psycopg's last query finds none for a prepared statement)."""

    def execute(self, sql, params=None):
        with self.debug_sql(self.db.ops.compose_sql(sql, params)):
            return CursorWrapper.execute(self, sql, params)


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
    """`build(model, *stand_ins)` returns the queryset; `rows(model, *values)` runs its SQL with
    `values` in place of the stand-ins and returns the converted rows, `instances(model, *values)`
    the model instances (for a queryset of them). Each is compiled once per connection."""

    def __init__(self, build: Callable[..., QuerySet], *stand_ins):
        self.build = build
        self.stand_ins = stand_ins

    def rows(self, model: type[Model], *values) -> list[tuple]:
        connection = connections[router.db_for_read(model)]
        return self._statement(connection, model).rows(connection, values)

    def instances(self, model: type[Model], *values) -> list[Model]:
        """For a queryset of model instances: the instances, as `Statement.instances` builds them."""
        connection = connections[router.db_for_read(model)]
        return self._statement(connection, model).instances(connection, values)

    def _statement(self, connection, model) -> Statement:
        """The statement kept on this connection (connections are per thread), compiled on first use."""
        kept = connection.__dict__.setdefault("_hub_compiled", {})
        statement = kept.get((self, model))
        if statement is None:
            statement = kept[(self, model)] = compile_statement(
                self.build(model, *self.stand_ins), connection, self.stand_ins
            )
        return statement


def insert(instance: Model) -> Model:
    """Write a new `instance` as `Model.objects.create` would (the same row: each field's own
    `pre_save` and database conversion, the database's id set on the instance), in a statement
    written once per connection and run prepared on PostgreSQL, instead of building the ORM's
    insert query on every call: for rows written on every rating (docs/adr/0109). Only for a model
    of one table whose id alone comes back from the database, and which no `pre_save` or
    `post_save` receiver of ours needs: no signal is sent. Anything else is saved by the ORM."""
    model = type(instance)
    connection = connections[router.db_for_write(model, instance=instance)]
    written = _insert_statement(connection, model)
    if written is None or instance.pk is not None:
        instance.save(force_insert=True, using=connection.alias)
        return instance
    sql, fields = written
    instance._prepare_related_fields_for_save(operation_name="save")  # save()'s checks of related rows
    values = [field.get_db_prep_save(field.pre_save(instance, True), connection) for field in fields]
    with prepared_cursor(connection) as cursor:
        cursor.execute(sql, values)
        (pk,) = cursor.fetchone()
    instance.pk = pk
    instance._state.adding, instance._state.db = False, connection.alias
    return instance


def _insert_statement(connection, model: type[Model]) -> tuple[str, list] | None:
    """The INSERT ... RETURNING of `model`'s columns but its id, kept per connection; None where
    `insert` leaves the row to the ORM."""
    kept = connection.__dict__.setdefault("_hub_inserts", {})
    if model not in kept:
        meta = model._meta
        simple = (
            not meta.parents
            and meta.auto_field is meta.pk
            and meta.db_returning_fields == [meta.pk]
            and connection.features.can_return_columns_from_insert
        )
        fields = [field for field in meta.local_concrete_fields if field is not meta.pk]
        q = connection.ops.quote_name
        sql = (
            f"INSERT INTO {q(meta.db_table)} ({', '.join(q(field.column) for field in fields)})"  # noqa: S608 - names from the model, values as parameters
            f" VALUES ({', '.join(['%s'] * len(fields))}) RETURNING {q(meta.pk.column)}"
        )
        kept[model] = (sql, fields) if simple else None
    return kept[model]


def columns(connection, model: type[Model]) -> str:
    """`model`'s columns, quoted and in order, for the select list of SQL that `model_instances` reads."""
    return _reader(connection, model)[0]


def model_instances(connection, model: type[Model], sql: str, params, extras: tuple[str, ...] = ()) -> list[Model]:
    """Run SQL written by hand that selects `columns(connection, model)` and then one column for
    each name in `extras`, prepared on PostgreSQL; return the rows as `Model.objects.raw` builds
    them (each field's database converters applied, each extra an attribute of the instance).
    What turns a row into an instance is worked out once per connection, not on every run as
    `raw` does: for the rating's locked reads (docs/adr/0109). Only a model of one table."""
    _, fields, compiler, converters = _reader(connection, model)
    with prepared_cursor(connection) as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if converters:
        rows = compiler.apply_converters(rows, converters)
    names, count, alias = [field.attname for field in fields], len(fields), connection.alias
    found = []
    for row in rows:
        instance = model.from_db(alias, names, row[:count])
        for name, value in zip(extras, row[count:], strict=True):
            setattr(instance, name, value)
        found.append(instance)
    return found


def _reader(connection, model: type[Model]) -> tuple:
    kept = connection.__dict__.setdefault("_hub_readers", {})
    if model not in kept:
        meta = model._meta
        if meta.parents:
            raise ValueError(f"{meta.label} has more than one table")
        fields = list(meta.concrete_fields)
        compiler = connection.ops.compiler("SQLCompiler")(Query(model), connection, connection.alias)
        converters = compiler.get_converters([field.get_col(meta.db_table) for field in fields])
        select = ", ".join(connection.ops.quote_name(field.column) for field in fields)
        kept[model] = (select, fields, compiler, converters)
    return kept[model]
