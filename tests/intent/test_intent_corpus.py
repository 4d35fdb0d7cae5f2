from __future__ import annotations

from pathlib import Path

import pytest

from models.intent.corpus import CorpusError, load_corpus, parse_corpus
from models.taxonomy import load_taxonomy

LABELS = load_taxonomy().ids


def test_reads_header_rows_and_skips_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "c.tsv"
    path.write_text(
        "text\tintent\n버스 언제 와요\ttransport.bus\n\n 불났어요 \temergency.safety\r\n",
        encoding="utf-8",
    )
    corpus = load_corpus(path, labels=LABELS)
    assert corpus.texts == ["버스 언제 와요", "불났어요"]
    assert corpus.intents == ["transport.bus", "emergency.safety"]
    assert corpus.counts() == {"transport.bus": 1, "emergency.safety": 1}


def test_header_is_optional() -> None:
    corpus = parse_corpus(["버스 언제 와요\ttransport.bus"], labels=LABELS)
    assert len(corpus) == 1


def test_unknown_intent_is_rejected_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("text\tintent\n버스 언제 와요\ttransport.bus\n택시 불친절\ttransport.taxi\n")
    with pytest.raises(CorpusError, match=r"bad\.tsv:3: unknown intent id 'transport\.taxi'"):
        load_corpus(path, labels=LABELS)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("버스 언제 와요", r"expected 2 tab-separated columns \(text, intent\), got 1"),
        ("버스\t언제\ttransport.bus", r"expected 2 tab-separated columns \(text, intent\), got 3"),
        ("  \ttransport.bus", r"empty text"),
    ],
)
def test_malformed_rows_are_rejected(line: str, message: str) -> None:
    with pytest.raises(CorpusError, match=rf"mem:2: {message}"):
        parse_corpus(["택시 신고\ttransport.taxi_complaint", line], labels=LABELS, source="mem")


def test_empty_file_and_non_utf8_are_rejected(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="no examples"):
        parse_corpus(["text\tintent", ""], labels=LABELS)
    path = tmp_path / "cp949.tsv"
    path.write_bytes("버스\ttransport.bus\n".encode("cp949"))
    with pytest.raises(CorpusError, match="not UTF-8"):
        load_corpus(path, labels=LABELS)
