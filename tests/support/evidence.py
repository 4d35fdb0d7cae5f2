"""What the whole suite leaves behind, checked once at its end.

Every throwaway database is scanned for resident-registration-number shapes just
before it is dropped, and every log record of the test process (plus the logs of
servers started as subprocesses) is kept, so that the last test can assert that no
personal data or key was ever stored or logged anywhere during the suite.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

# Bounded by non-alphanumerics so that digit runs inside hex ids and hashes do not count.
RRN_SHAPE = re.compile(r"(?<![0-9A-Za-z])\d{6}\s*[-–]?\s*[1-8]\d{6}(?![0-9A-Za-z])")
PHONE_SHAPE = re.compile(r"(?<![0-9A-Za-z])01[016789][-\s.]?\d{3,4}[-\s.]?\d{4}(?![0-9A-Za-z])")
API_KEY_SHAPE = re.compile(r"cc_[0-9a-f]{12}_[\w-]{8,}")


@dataclass
class Evidence:
    databases_scanned: int = 0
    rows_scanned: int = 0
    stored_hits: list[str] = field(default_factory=list)
    log_lines: list[str] = field(default_factory=list)
    log_files: list[Path] = field(default_factory=list)


EVIDENCE = Evidence()


class _Collector(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception:  # a broken log call is not this handler's business
            message = str(record.msg)
        if record.exc_info and record.exc_info[1] is not None:
            message += f" {record.exc_info[1]}"
        EVIDENCE.log_lines.append(f"{record.name}: {message}")


def install_log_collector() -> None:
    root = logging.getLogger()
    if not any(isinstance(h, _Collector) for h in root.handlers):
        root.addHandler(_Collector(level=logging.DEBUG))
        if root.level > logging.INFO:
            root.setLevel(logging.INFO)


async def scan_database(url: str) -> None:
    """Look at every text and JSON column of every table for RRN-shaped strings."""
    from sqlalchemy import inspect, text

    from callcenter.db.engine import make_engine

    engine = make_engine(url)
    try:
        async with engine.connect() as conn:

            def columns(sync_conn):  # type: ignore[no-untyped-def]
                insp = inspect(sync_conn)
                out = {}
                for table in insp.get_table_names():
                    out[table] = [
                        c["name"]
                        for c in insp.get_columns(table)
                        if any(k in str(c["type"]).upper() for k in ("CHAR", "TEXT", "JSON"))
                    ]
                return out

            for table, names in (await conn.run_sync(columns)).items():
                if not names:
                    continue
                cols = ", ".join(f'"{n}"' for n in names)
                rows = (await conn.execute(text(f'SELECT {cols} FROM "{table}"'))).all()
                EVIDENCE.rows_scanned += len(rows)
                for row in rows:
                    for name, value in zip(names, row, strict=True):
                        if value is not None and RRN_SHAPE.search(str(value)):
                            EVIDENCE.stored_hits.append(f"{table}.{name}")
        EVIDENCE.databases_scanned += 1
    finally:
        await engine.dispose()
