"""CSV bodies from live services read strictly: a line with the wrong field count is a cut-off
response, never data, and a line the csv module cannot read (a field over its 128 KB limit, a
NUL byte) stops the source with its name, never a traceback. Shared by the NOMIS and
statistics.gov.scot clients."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from data_sources.live.http import LiveSourceError


def csv_rows(
    source_id: str, reader: Iterator[list[str]], header: list[str], *, where: str, expected: str
) -> list[dict[str, str]]:
    """The remaining CSV lines keyed by `header`, blank lines skipped.

    A line with the wrong number of fields raises: it is how a cut-off response shows.
    """
    rows: list[dict[str, str]] = []
    line = 1
    try:
        for line, fields in enumerate(reader, start=2):
            if not fields:
                continue
            if len(fields) != len(header):
                raise LiveSourceError(
                    source_id, f"{where} line {line} has {len(fields)} fields, {expected}"
                )
            rows.append(dict(zip(header, fields, strict=True)))
    except csv.Error as error:
        raise LiveSourceError(
            source_id, f"{where} cannot be read as CSV after line {line}: {error}"
        ) from None
    return rows
