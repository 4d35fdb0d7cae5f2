"""Mask personal numbers and addresses in a transcript before it is stored or shown.

This is the single gate between what a caller said and what the service keeps:
the pipeline, the CLI and the API call :func:`redact` and keep only
``Redaction.text``.  Spans are offsets into the *input* so that callers who
still hold the original (evaluation, the CLI's JSONL mode) can check exactly
what was masked.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from callcenter.privacy.digits import DigitGroup, digit_chains, other_tail_reading
from callcenter.privacy.emails import find_email_spans
from callcenter.privacy.fragments import find_fragment_spans
from callcenter.privacy.hidden import find_hidden_spans
from callcenter.privacy.numbers import find_number_spans

PiiType = Literal["rrn", "phone", "card", "account", "email"]

# Logged with every consultation: which rules masked its transcript. 2 (2026-11-30): what four
# outside sample sets found (dialect endings, named halves, glued digits, spelled domains...).
# 3 (2026-12-01): what the sixth found (native numerals, misheard digits, cards in blocks,
# addresses spelled letter by letter...). 4 (2026-12-01): what the seventh, of agent and caller
# in one line, found (numbers in pieces, read back and corrected; brackets, thousands
# separators, "팔 두 번"). 5 (2026-12-01): an address's letters spelled again, a back half asked
# for by name, the back of a phone said before its front, another kind of number named before a
# group (precision), a corrected group as long as the one it corrects; from the eighth (chat):
# O or l typed for a digit, a card's named blocks of four, 외국인등록증 … 등록번호; from the
# ninth (foreign residents): digits said in English, another country's number after "+", a
# name said in Korean syllables before 골뱅이, 15-16 digit virtual accounts, money not come in.
# From the tenth (bills): references named 환급/납세/과세/부과/수납/수용가 번호, no personal
# number inside a run named as a reference unless one is named on the way, a front half named
# last, a mobile prefix said alone before the rest. From the eleventh and twelfth (welfare,
# transport): a card named just before its number whatever refund follows, two back halves in a
# row, a name glued to spelled letters before 골뱅이, endings such as 이거든요 after a domain;
# from the thirteenth (housing), a surname said among spelled letters; from the fourteenth
# (smishing), numbers joined by 이랑 are not one card, codes of letters and digits, guesses
# joined by 인가, safe-number prefixes alone; from the fifteenth (English), the kinds named in
# English, double/triple and plus, English words kept out of a spoken address. 6 (2026-12-01):
# from the sixteenth and seventeenth (incident calls, business owners), a company's registration
# number is not a resident number, and "국에" joins an old landline's exchange to its number.
# 7 (2026-12-01): from the eighteenth (calls on behalf of others), "plus"/"플러스" said before a
# country code goes inside the mask as "+" does, an extension is not a piece of a number, and
# 하나/둘 among Sino-Korean digits in one word are digits. 8 (2026-12-01): from the nineteenth
# (documents read out), printed numbers with hidden digits ("850101-1******") are masked whole
# (``hidden``), and a local part said again is masked as a whole word. 9 (2026-12-01): from the
# twentieth (e-mail addresses), more endings and providers said aloud, "에서" after an address,
# "＠" and spaces around a written domain's dots; a word glued into a handle or a link is not a
# local part said again. 10 (2026-12-01): from the dialogue set's leaks, a group corrected while
# a number is still being dictated takes the corrected group's place ("공일공에 육오 아니
# 육사오일이고 … 구구공팔"), groups said again when asked do not count twice, and "그리고" ends a
# piece, as every outside writer split a mask there. 11 (2026-12-01): from the twenty-first
# (numbers dictated in stretches), digits run into the word before them, a group broken off and
# said again whole, a number begun and started over with a digit wrong, "뒤에는" after a front
# half, and "뒷번호" said first before a front that begins a mobile number. 12 (2026-12-01): a
# digit said "네 개"/"네 번" times is a whole group ("칠 네 개 팔 네 개"), as two and three were.
# 13 (2026-12-01): from the twenty-second (an ordinary weekday), "국" run into an exchange
# ("칠칠일국에") joins it to the number, and a card read in blocks of four ends with a block of
# four when a trailing "이" may be its last digit (it was left readable as a particle). 14
# (2026-12-01): from the outside set's leak count, addresses that were left whole: a surname said
# last before the marker ("에스 리 앳 …", "… 쩜 초이 골뱅이 …"), a hyphen said inside a domain,
# an English word as the local part before 골뱅이 ("me 골뱅이 …"); speech after a whole domain
# ("… 쩜 컴 점이 두 개 있어요") is not more of it. 15 (2026-12-01): from the twenty-third (whole
# calls), a counter said as its own word makes a spoken number a quantity, pieces are not joined
# across one named as another kind or a bus, a card's block answers the agent's question for it,
# local parts said as English words before a sure domain, an address given in halves, four
# blocks of four after a card is named are a card, and a trailing "이" is read as the read-back.
# 16 (2026-12-02): from the dialogue set, the syllables of a name glued to a handle's digits
# ("지은0811@네이버.com", "서연1004@gmail.com") are part of the address. 17 (2026-12-02): from
# the twenty-fourth (whole calls again), a resident number's halves said as a pair ("… 뒤에는 …")
# with no kind named near them, native or English numerals between Sino-Korean digits or after
# "플러스", a particle after native numerals that may begin with a digit ("둘칠팔구요") read as
# the read-back reads it, a number read back whole after its last group was corrected, a card's
# first six digits asked for by name, a local part spelled back with its separators said. 18
# (2026-12-02): from the twenty-fifth (whole calls of the night shift), a front half asked for as
# "앞자리" with the kind named a little before, a bill or receipt a number is read from is not its
# kind, a domain's name no lexicon knows said before a dot, domains spelled in up to sixteen
# words, "메일로" names an address, "주십시오" is speech. 19 (2026-12-02): from the outside set's
# leak count, a domain said whole with a dot and an ending needs no mail cue before its local
# part, and "골뱅 이", "네이 버" split by the recognizer are read as said. 20 (2026-12-02): a
# final "유" after a group may be 육 heard as 유, and the reading that makes a number wins
# ("공일공 유팔삼이 사사칠유"). 21 (2026-12-02): spaces around the dots of a written local part,
# as around a domain's ("yj . park @ gmail . com"). 22 (2026-12-02): from the dictation set, a
# front half with the back half asked for right after it ("… 다음 뒷자리 …"), and that back half
# given after a pause, with no kind named in the call.
REDACTION_VERSION = "rules-22"

MASKS: dict[str, str] = {
    "rrn": "[주민번호]",
    "phone": "[전화번호]",
    "card": "[카드번호]",
    "account": "[계좌번호]",
    "email": "[이메일]",
}


@dataclass(frozen=True, slots=True)
class PiiSpan:
    """One masked stretch of the input: ``text[start:end]``, end exclusive."""

    start: int
    end: int
    type: str

    @property
    def mask(self) -> str:
        return MASKS[self.type]


@dataclass(frozen=True, slots=True)
class Redaction:
    """The redacted text and where, in the input, each mask came from."""

    text: str
    spans: list[PiiSpan] = field(default_factory=list)


def find_pii(text: str) -> list[PiiSpan]:
    """Every PII span in ``text``, sorted and non-overlapping."""
    emails = find_email_spans(text)
    chains = digit_chains(text, blocked=emails)
    whole = [(s, e, "email") for s, e in emails]
    whole += find_hidden_spans(text)
    said: list[tuple[int, int, str, list[DigitGroup]]] = []
    for chain in chains:
        for s, e, kind in find_number_spans(chain, text):
            said.append((s, e, kind, [g for g in chain if s <= g.start < e]))
    numbers: list[tuple[str, str]] = []  # the digits and type of each whole number
    for s, e, kind, digits in _as_read_back(said):
        whole.append((s, e, kind))
        numbers.append((digits, kind))
    pieces = find_fragment_spans(text, chains, whole, numbers)
    found = [PiiSpan(s, e, kind) for s, e, kind in [*whole, *pieces]]
    found.sort(key=lambda s: (s.start, -(s.end - s.start)))
    result: list[PiiSpan] = []
    for span in found:
        if result and span.start < result[-1].end:
            continue
        result.append(span)
    return result


def _as_read_back(
    said: list[tuple[int, int, str, list[DigitGroup]]],
) -> list[tuple[int, int, str, str]]:
    """(start, end, type, digits) of each number, a trailing "이" taken as its last digit when
    the number read back elsewhere in the call has it ("우체국 육일공공일사 다시 공이 다시
    일팔칠칠육이요 … 네 육일공공일사 공이 일팔칠칠육이 맞으세요": both readings are an account,
    and the read-back says which one the caller meant)."""
    plain = [(s, e, kind, "".join(g.digits for g in groups)) for s, e, kind, groups in said]
    out: list[tuple[int, int, str, str]] = []
    for (s, e, kind, digits), (*_, groups) in zip(plain, said, strict=True):
        tail_ends_it = bool(groups) and groups[-1].end == e
        other = other_tail_reading(digits, groups[-1]) if tail_ends_it else None
        if other is not None and len(other[0]) > len(digits):
            longer, longer_end = other
            if any(again == longer and kind == k for *_, k, again in plain):
                e, digits = longer_end, longer
        out.append((s, e, kind, digits))
    return out


def apply_masks(text: str, spans: list[PiiSpan]) -> str:
    """Replace each span by its typed mask; spans must be sorted and disjoint."""
    pieces: list[str] = []
    pos = 0
    for span in spans:
        pieces.append(text[pos : span.start])
        pieces.append(span.mask)
        pos = span.end
    pieces.append(text[pos:])
    return "".join(pieces)


# Zero-width space, non-joiner, joiner, word joiner, BOM and soft hyphen: invisible, and each
# one splits a number for the patterns.
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")


def readable(text: str) -> str:
    """``text`` in NFC without invisible characters: the form redaction reads and returns."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFC", text))


def redact(text: str) -> Redaction:
    """Mask resident numbers, phones, cards, bank accounts and e-mail addresses.

    The text is put in NFC and stripped of invisible characters first, and the spans index
    that form: Korean typed on some systems arrives as separate letters (NFD), in which
    "공일공 일이삼사" is no longer the syllables the number patterns read, and a zero-width
    space pasted between the groups of "01012345678" hid it just as well; both went to the
    log unmasked.
    """
    return _redact_readable(readable(text))


def _redact_readable(text: str) -> Redaction:
    """:func:`redact` of a text already in :func:`readable` form."""
    spans = find_pii(text)
    return Redaction(text=apply_masks(text, spans), spans=spans)


def redact_jsonl(lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    """Redact one JSON object per line: ``{"text": ...}`` (other keys such as ``id`` kept).

    Yields ``{"text", "redacted", "spans": [[start, end, type], ...]}`` per line, or
    ``{"line": n, "error": ...}`` for a line that is not such an object, so one bad
    line in a large file does not stop the batch.  Error messages never quote the
    line itself, which may hold the very numbers we are here to hide.  Blank lines
    are skipped.
    """
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield {"line": number, "error": f"invalid JSON: {exc.msg} (column {exc.colno})"}
            continue
        if isinstance(record, str):
            record = {"text": record}
        if not isinstance(record, dict):
            yield {"line": number, "error": "expected a JSON object with a 'text' field"}
            continue
        text = record.get("text")
        if not isinstance(text, str):
            yield {"line": number, "error": "field 'text' missing or not a string"}
            continue
        text = readable(text)  # the form the spans index
        result = _redact_readable(text)
        out: dict[str, Any] = {k: v for k, v in record.items() if k not in ("redacted", "spans")}
        out["text"] = text
        out["redacted"] = result.text
        out["spans"] = [[s.start, s.end, s.type] for s in result.spans]
        yield out
