"""One statement, written out from the model's fields, for the writes every renewal makes.

`QuerySet.update()` and `Model.save()`/`bulk_create()` build their query anew on each call (and a filter across a
relation as a subquery): on the renewal path that cost more CPU than PostgreSQL spends running the statements.
Values are converted by the fields themselves (`pre_save`, `get_db_prep_save`), as the ORM would. `update` does
not apply `auto_now`: pass `updated_at`.
"""

from django.db import connection


def update(model, values: dict, where: str, params: list) -> int:
    """`UPDATE <model's table> SET <values> WHERE <where>`; how many rows it changed."""
    fields = [model._meta.get_field(name) for name in values]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {where}",
                       [field.get_db_prep_save(values[field.name], connection) for field in fields] + list(params))
        return cursor.rowcount


def insert(objects: list) -> None:
    """`INSERT` new objects of one model (with an automatic id) in one statement, as `bulk_create` would: defaults
    and `auto_now(_add)` come from the fields; each object gets its id. No signals are sent."""
    meta = objects[0]._meta
    fields = [field for field in meta.concrete_fields if field is not meta.pk]
    quote = connection.ops.quote_name
    row = f"({', '.join(['%s'] * len(fields))})"
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(field.column) for field in fields)}) "
                       f"VALUES {', '.join([row] * len(objects))} RETURNING {quote(meta.pk.column)}",
                       [field.get_db_prep_save(field.pre_save(obj, True), connection) for obj in objects for field in fields])
        ids = cursor.fetchall()
    for obj, (pk,) in zip(objects, ids, strict=True):
        obj.pk, obj._state.adding, obj._state.db = pk, False, connection.alias
