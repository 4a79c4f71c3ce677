"""One statement, written out from the model's fields, for the writes every renewal makes.

`QuerySet.update()` and `Model.save()`/`bulk_create()` build their query anew on each call (and a filter across a
relation as a subquery): on the renewal path that cost more CPU than PostgreSQL spends running the statements.
Each statement's text and its fields' converters are worked out once per model and fields; values are converted by
the fields themselves (`pre_save`, `get_db_prep_save`), as the ORM would. `update` does not apply `auto_now`: pass
`updated_at`. The statements run on one cursor per connection (`cursor`).
"""

import functools

from django.db import DEFAULT_DB_ALIAS, connection, connections


def cursor():
    """The connection's cursor for these statements, made once and kept while the connection lasts: making one
    cost more CPU than a short statement's Python side. A new one for each statement while queries are logged
    (`assertNumQueries`, DEBUG), as Django makes its logging cursors."""
    db = connections[DEFAULT_DB_ALIAS]
    if db.queries_logged:
        return db.cursor()
    kept = getattr(db, "_rows_cursor", None)
    if kept is None or kept.cursor.connection is not db.connection or db.health_check_enabled and not db.health_check_done:
        kept = db._rows_cursor = db.cursor()  # connects again, or checks the connection first, as Django's cursors do
    return kept


def update(model, values: dict, where: str, params: list) -> int:
    """`UPDATE <model's table> SET <values> WHERE <where>`; how many rows it changed."""
    sql, converters = _update(model, tuple(values))
    db = connections[DEFAULT_DB_ALIAS]
    run = cursor()
    run.execute(sql + where, [convert(value, db) for convert, value in zip(converters, values.values())] + list(params))
    return run.rowcount


@functools.lru_cache(maxsize=64)
def _update(model, names: tuple[str, ...]) -> tuple[str, list]:
    """The statement's head (up to `WHERE `) and the converter of each value set."""
    fields = [model._meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    return f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE ", [field.get_db_prep_save for field in fields]


def insert(objects: list, *, unless: tuple[str, ...] = ()) -> list:
    """`INSERT` new objects of one model (with an automatic id) in one statement, as `bulk_create` would: defaults
    and `auto_now(_add)` come from the fields. With `unless` (the fields of a unique key), an object whose key is
    in the table already is left out (`ON CONFLICT DO NOTHING`). The objects inserted, each with its id; no signals.
    """
    head, row, tail, fields, key = _insert(type(objects[0]), unless)
    db = connections[DEFAULT_DB_ALIAS]
    run = cursor()
    run.execute(f"{head}{', '.join([row] * len(objects))}{tail}",
                [field.get_db_prep_save(field.pre_save(obj, True), db) for obj in objects for field in fields])
    returned = run.fetchall()
    if key:  # matched by key, not by place: a row left out returns nothing
        ids = {tuple(values): pk for pk, *values in returned}
        objects = [obj for obj in objects if tuple(getattr(obj, field.attname) for field in key) in ids]
        returned = [(ids[tuple(getattr(obj, field.attname) for field in key)],) for obj in objects]
    for obj, (pk, *_) in zip(objects, returned, strict=True):
        obj.pk, obj._state.adding, obj._state.db = pk, False, db.alias
    return objects


@functools.lru_cache(maxsize=32)
def _insert(model, unless: tuple[str, ...]) -> tuple[str, str, str, list, list]:
    """The statement up to `VALUES `, one row's placeholders, what follows the rows, the fields written, the key's."""
    meta = model._meta
    fields = [field for field in meta.concrete_fields if field is not meta.pk]
    key = [meta.get_field(name) for name in unless]
    quote = connection.ops.quote_name
    conflict = f" ON CONFLICT ({', '.join(quote(field.column) for field in key)}) DO NOTHING" if key else ""
    return (f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(field.column) for field in fields)}) VALUES ",
            f"({', '.join(['%s'] * len(fields))})",
            f"{conflict} RETURNING {', '.join(quote(field.column) for field in [meta.pk, *key])}", fields, key)


def places(values) -> str:
    """`%s, %s, …`: one placeholder per value, for `IN (…)`."""
    return ", ".join(["%s"] * len(values))


def select(model, where: str, params: list, *, joined: str | tuple[str, ...] = (), also: tuple[str, ...] = ()) -> list:
    """`SELECT` the model's rows (table `t0`) `WHERE <where>` (which may end in `ORDER BY`), each with the rows of
    its `joined` foreign keys (paths as `select_related` takes them, e.g. `plan__product`: `plan` is table `t1`,
    its product `t2`; a nullable key is an outer join, and None when it is NULL) attached as `select_related`
    would; values converted by the fields and the backend, as the ORM converts them. The statement is written once
    per model and relations: a read on the mail path cost the ORM more to compile than PostgreSQL to run.
    `also`: SQL expressions read besides (their parameters first in `params`); each row is then `(object, *values)`."""
    head, tables, parts, conversions = _select(model, (joined,) if isinstance(joined, str) else tuple(joined))
    db = connections[DEFAULT_DB_ALIAS]
    run = cursor()
    run.execute(f"{head}{''.join(', ' + expression for expression in also)}{tables} WHERE {where}", params)
    found = []
    for values in run.fetchall():
        if conversions:
            values = list(values)
            for place, col, converters in conversions:
                for convert in converters:
                    values[place] = convert(values[place], col, db)
        objects = []
        for related, names, first, last, pk_place, parent, foreign in parts:
            obj = None if values[pk_place] is None else related.from_db(db.alias, names, values[first:last])
            if foreign is not None and objects[parent] is not None:
                foreign.set_cached_value(objects[parent], obj)
            objects.append(obj)
        found.append((objects[0], *values[len(values) - len(also):]) if also else objects[0])
    return found


@functools.lru_cache(maxsize=32)
def _select(model, joined: tuple[str, ...]) -> tuple[str, str, list, list]:
    """The statement's columns and its tables; per table, its model, the attribute names of its columns and their
    places, the place of its primary key, and the table and foreign key it is reached from; and the converters of
    each column that has any (the backend's are the same for every connection to the database)."""
    quote = connection.ops.quote_name
    paths = list(dict.fromkeys("__".join(path.split("__")[:depth]) for path in joined if path
                               for depth in range(1, path.count("__") + 2)))  # `a__b` reads `a` too, first
    sql = f" FROM {quote(model._meta.db_table)} t0"
    tables, outer = [(model, None, None)], [False]
    for number, path in enumerate(paths, 1):
        head, _, name = path.rpartition("__")
        parent = paths.index(head) + 1 if head else 0
        foreign = tables[parent][0]._meta.get_field(name)
        outer.append(outer[parent] or foreign.null)
        tables.append((foreign.related_model, parent, foreign))
        sql += (f" {'LEFT OUTER' if outer[-1] else 'INNER'} JOIN {quote(foreign.related_model._meta.db_table)} t{number} "
                f"ON t{number}.{quote(foreign.target_field.column)} = t{parent}.{quote(foreign.column)}")
    parts, names, conversions, place = [], [], [], 0
    for number, (related, parent, foreign) in enumerate(tables):
        fields = related._meta.concrete_fields
        for index, field in enumerate(fields):
            names.append(f"t{number}.{quote(field.column)}")
            col = field.get_col(f"t{number}")
            if converters := [*connection.ops.get_db_converters(col), *field.get_db_converters(connection)]:
                conversions.append((place + index, col, converters))
        parts.append((related, [field.attname for field in fields], place, place + len(fields),
                      place + fields.index(related._meta.pk), parent, foreign))
        place += len(fields)
    return f"SELECT {', '.join(names)}", sql, parts, conversions
