"""Runs last (collection order): over everything the suite stored and logged, no resident
registration number, phone number or API key may appear.

The suite posts many texts and calls carrying such numbers (see tests/api and
tests/reliability); these checks prove they were redacted before storage and logging.
"""

from __future__ import annotations

from tests.support.evidence import API_KEY_SHAPE, EVIDENCE, PHONE_SHAPE, RRN_SHAPE


def test_the_shapes_find_what_they_look_for() -> None:
    assert RRN_SHAPE.search("주민번호900101-1234567이요")
    assert RRN_SHAPE.search("9001011234567")
    assert not RRN_SHAPE.search("9a2806791234567890123f94253a564a")  # a hex id
    assert PHONE_SHAPE.search("연락처 010-1234-5678")
    assert API_KEY_SHAPE.search("Bearer cc_0123456789ab_abcdefghijkl")


def test_no_rrn_stored_in_any_database() -> None:
    assert EVIDENCE.databases_scanned >= 2, "no database was scanned: run the whole suite"
    assert EVIDENCE.rows_scanned > 0
    assert EVIDENCE.stored_hits == [], f"RRN-shaped strings stored in {EVIDENCE.stored_hits}"


def test_no_pii_or_keys_in_logs() -> None:
    lines = list(EVIDENCE.log_lines)
    for path in EVIDENCE.log_files:
        if path.exists():
            lines += path.read_text(errors="replace").splitlines()
    assert lines, "no log line was captured: the collector is not installed"
    for pattern in (RRN_SHAPE, PHONE_SHAPE, API_KEY_SHAPE):
        leaked = [line for line in lines if pattern.search(line)]
        assert leaked == [], leaked[:5]
