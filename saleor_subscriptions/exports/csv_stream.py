"""CSV as Excel opens it (UTF-8 with a BOM, CRLF lines), written a batch of rows at a time."""

import csv
import datetime
from collections.abc import Iterable, Iterator

BOM = "\ufeff"  # without it Excel (Japanese Windows) reads UTF-8 as Shift_JIS
BATCH = 500  # rows per chunk handed to the web server
FORMULA_STARTS = {"=", "+", "-", "@", "\t", "\r"}  # a spreadsheet would run such a cell as a formula


class _Line:
    """The file-like object csv.writer writes into: hands each line back instead of keeping it."""

    @staticmethod
    def write(line: str) -> str:
        return line


def cell(value):
    """True/False as true/false, nothing as empty, dates ISO; text a customer typed never becomes a formula."""
    kind = value.__class__
    if kind is str:
        return "'" + value if value[:1] in FORMULA_STARTS else value
    if value is None:
        return ""
    if kind is bool:
        return "true" if value else "false"
    if kind is datetime.date:
        return value.isoformat()
    return value  # numbers (int, Decimal): csv writes them plainly


def stream(headers: list[str], rows: Iterable[tuple]) -> Iterator[bytes]:
    """The file's bytes: BOM and headers first, then the rows in batches (memory stays that of one batch)."""
    writer = csv.writer(_Line(), lineterminator="\r\n")
    yield (BOM + writer.writerow(headers)).encode()
    batch = []
    for row in rows:
        batch.append(writer.writerow([cell(value) for value in row]))
        if len(batch) == BATCH:
            yield "".join(batch).encode()
            batch.clear()
    if batch:
        yield "".join(batch).encode()
