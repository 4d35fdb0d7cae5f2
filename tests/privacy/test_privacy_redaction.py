"""The redact() contract: spans into the input, typed masks, idempotence, JSONL batches."""

from __future__ import annotations

import itertools
import json
import unicodedata

import pytest

from callcenter.privacy import MASKS, PiiSpan, redact, redact_jsonl
from callcenter.privacy.evaluation import Sample

MIXED = (
    "주민번호는 850315-2345678이고 연락처는 공일공 이삼사오 육칠팔구예요. "
    "카드 4111 1111 1111 1111, 환불은 신한 110-234-567890, 메일은 hong@naver.com입니다"
)


def test_masks_are_typed_and_public() -> None:
    assert MASKS == {
        "rrn": "[주민번호]",
        "phone": "[전화번호]",
        "card": "[카드번호]",
        "account": "[계좌번호]",
        "email": "[이메일]",
    }
    result = redact(MIXED)
    assert [s.type for s in result.spans] == ["rrn", "phone", "card", "account", "email"]
    assert result.text == (
        "주민번호는 [주민번호]이고 연락처는 [전화번호]예요. "
        "카드 [카드번호], 환불은 신한 [계좌번호], 메일은 [이메일]입니다"
    )


def test_spans_point_at_the_input_substrings() -> None:
    result = redact(MIXED)
    covered = [MIXED[s.start : s.end] for s in result.spans]
    assert covered == [
        "850315-2345678",
        "공일공 이삼사오 육칠팔구",
        "4111 1111 1111 1111",
        "110-234-567890",
        "hong@naver.com",
    ]


def test_spans_are_sorted_disjoint_and_trimmed(pii_samples: list[Sample]) -> None:
    for sample in pii_samples:
        spans = redact(sample.text).spans
        for a, b in itertools.pairwise(spans):
            assert a.end <= b.start, sample.text
        for s in spans:
            piece = sample.text[s.start : s.end]
            assert piece and piece == piece.strip(), (sample.text, piece)
            assert s.mask == MASKS[s.type]


def test_masks_rebuild_the_redacted_text(pii_samples: list[Sample]) -> None:
    for sample in pii_samples:
        result = redact(sample.text)
        rebuilt, pos = [], 0
        for s in result.spans:
            rebuilt += [sample.text[pos : s.start], MASKS[s.type]]
            pos = s.end
        rebuilt.append(sample.text[pos:])
        assert "".join(rebuilt) == result.text


def test_redaction_is_idempotent(pii_samples: list[Sample]) -> None:
    for text in [MIXED, *(s.text for s in pii_samples)]:
        once = redact(text).text
        twice = redact(once)
        assert twice.text == once
        assert twice.spans == []


def test_text_without_pii_is_returned_unchanged() -> None:
    text = "470번 버스가 강남역 3번 출구 앞에 2025년 3월 5일부터 안 서요"
    result = redact(text)
    assert result.text == text and result.spans == []
    assert redact("").text == ""


def test_span_is_a_plain_value() -> None:
    assert PiiSpan(0, 3, "phone") == PiiSpan(0, 3, "phone")
    assert PiiSpan(0, 3, "phone").mask == "[전화번호]"


def test_korean_typed_as_separate_letters_is_redacted_like_syllables() -> None:
    """NFD input (Korean as separate letters, as some systems type it) is redacted as NFC,
    and the spans index the NFC text that comes back."""
    letters = unicodedata.normalize("NFD", MIXED)
    assert letters != MIXED
    result = redact(letters)
    assert result == redact(MIXED)
    assert "공일공" not in result.text
    (line,) = redact_jsonl([json.dumps({"text": letters})])
    assert line["text"] == MIXED
    assert [line["text"][a:b] for a, b, _ in line["spans"]][1] == "공일공 이삼사오 육칠팔구"


def test_invisible_characters_do_not_hide_a_number() -> None:
    hidden = "제 번호는 010\u200b1234\u200b5678이고 주민번호는 850315\ufeff-2345678이에요"
    assert redact(hidden).text == "제 번호는 [전화번호]이고 주민번호는 [주민번호]이에요"


def test_redact_jsonl_good_lines() -> None:
    lines = [
        json.dumps({"id": 7, "text": "제 번호는 010-1234-5678이에요"}, ensure_ascii=False),
        json.dumps({"text": "470번 버스"}, ensure_ascii=False),
        "",
        json.dumps("메일은 abc@naver.com"),
    ]
    out = list(redact_jsonl(lines))
    assert out[0] == {
        "id": 7,
        "text": "제 번호는 010-1234-5678이에요",
        "redacted": "제 번호는 [전화번호]이에요",
        "spans": [[6, 19, "phone"]],
    }
    assert out[1]["redacted"] == "470번 버스" and out[1]["spans"] == []
    assert out[2]["redacted"] == "메일은 [이메일]"
    assert len(out) == 3  # the blank line is skipped


@pytest.mark.parametrize(
    "line",
    [
        '{"text": "010-1234-5678"',  # truncated JSON
        "010-1234-5678",  # not JSON at all
        "[1, 2, 3]",
        '{"body": "hi"}',
        '{"text": 12345}',
    ],
)
def test_redact_jsonl_malformed_lines_give_errors_not_exceptions(line: str) -> None:
    (result,) = list(redact_jsonl([line]))
    assert set(result) == {"line", "error"}
    assert result["line"] == 1
    assert "1234" not in result["error"]  # never echo what may be personal data


def test_redact_jsonl_continues_after_a_bad_line() -> None:
    out = list(redact_jsonl(["{oops", '{"text": "공일공 일이삼사 오육칠팔"}']))
    assert "error" in out[0] and out[0]["line"] == 1
    assert out[1]["redacted"] == "[전화번호]"
