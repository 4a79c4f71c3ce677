"""One UPDATE statement, written out from the model's fields, for the writes every renewal makes.

`QuerySet.update()` builds its query anew on each call (and a filter across a relation as a subquery): on
the renewal path that cost more CPU than PostgreSQL spends running the statements. Values are converted by
the fields themselves (`get_db_prep_save`), as the ORM would; `auto_now` is not applied: pass `updated_at`.
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
