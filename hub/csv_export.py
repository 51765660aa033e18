"""CSV downloads that are safe to open in a spreadsheet.

A cell that starts with =, +, -, @, a tab or a carriage return is read as a formula by Excel,
LibreOffice and Google Sheets, so text typed by members could run as one ("formula injection").
Every text cell goes through `safe_cell`, which puts an apostrophe in front of such a value: the
spreadsheet then shows the text as typed. Numbers the hub itself counted are written as numbers.
"""

import csv
from collections.abc import Iterable

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def safe_cell(value) -> str | int:
    """The value as a CSV cell that no spreadsheet runs as a formula."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return value
    text = "" if value is None else str(value)
    if text.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_response(filename: str, header: list[str], rows: Iterable[Iterable]) -> HttpResponse:
    """A download with a UTF-8 byte order mark, so spreadsheets read accents and other scripts correctly."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([safe_cell(name) for name in header])
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return response
