"""Numbers said in pieces: dictated across the agent's "네 네", read back, corrected.

A whole call is transcribed, not only the caller's first sentence, so a number often arrives in
pieces: "공일공이요 … 네 … 팔삼육이 … 네 … 공사일구예요"; the agent reads it back ("공일공
구팔칠육 맞으시죠?") and the caller corrects one group ("끝이 오육칠팔 말고 오육칠구요"). Each
piece alone is too short to be anything, and each leaks part of the number. An outside sample
set of such exchanges (2026-12-01) found 0.61 recall. The rules here are anchored on a whole
number, so that a short number standing alone (a bus, a room, a year) is never taken for one:

- pieces separated only by a short interruption are read together, and masked piece by piece
  when together they make one number by the shape rules of ``numbers`` and its cue is named;
- a piece whose digits occur in a number masked in the same text is part of it (a read-back),
  and so is the group a caller puts in its place ("X 말고 Y", "X 아니고 Y", or a near copy of
  X said right after it);
- a piece that starts a mobile number, abandoned and said again whole, is part of it too;
- the back of a phone number said before its front ("뒤 네 자리가 … 앞은 공일공 …") is
  read back to front;
- an address's local part said again, word by word or letter by letter, is part of it.

No piece is taken out of a number named as another kind ("운송장번호 6820 4471 9913").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from callcenter.privacy.digits import DIGIT_WORDS, DigitGroup, iter_readings, other_tail_reading
from callcenter.privacy.emails import (
    ADDRESS_MARKERS,
    LETTER_NAMES,
    LOCAL_SEPARATORS,
    TRAILING_PARTICLE,
)
from callcenter.privacy.numbers import (
    ACCOUNT_CONTEXT,
    AREA_CODES,
    CARD_CONTEXT,
    MOBILE_PREFIXES,
    RRN_BACK_AFTER_FRONT,
    RRN_BACK_HINT,
    RRN_CONTEXT,
    RRN_FRONT_HINT,
    Context,
    classify,
    even_blocks,
)

Span = tuple[int, int, str]

_MAX_PIECES = 5
_MAX_INTERRUPTION = 48  # characters between two pieces of one dictated number
_MIN_PIECE = 3  # digits; "구오가 아니고 구육" is too short to tell from anything else
_CORRECTION = re.compile(r"말고|아니고|아니구|아니라|아니요|아뇨|아니|대신")
_CORRECTION_GAP = 16
_STARTING_OVER = re.compile(rf"{_CORRECTION.pattern}|잠깐|다시|틀렸|틀려")
_CUE_WINDOW = 60
_CARD_BLOCK = re.compile(r"(?:앞|뒷|뒤|끝|마지막)\s*(?P<count>4|네|6|여섯)\s*자리")
_BLOCK_LENGTH = {"4": 4, "네": 4, "6": 6, "여섯": 6}
# From the block's name to its digits: "끝 네 자리 5327", or asked for first ("카드 끝 네 자리가
# 어떻게 되세요? 삼삼일칠이요", "… 불러 주시면 대조해 볼게요 하나는 일일공팔이고 하나는 …")
_CARD_BLOCK_REACH = 40
_CARD_NAMED_BEFORE_BLOCK = 30
_BACK_NAMED = re.compile(r"(?:뒤|뒷|끝)\s*(?:네\s*자리|번호|자리)")
# Joined pieces are a weaker shape than one unbroken number: the kind must be named, except
# for a phone, whose prefix already says what it is.
_CUES: dict[str, re.Pattern[str]] = {
    "rrn": re.compile("|".join(p.pattern for p in (RRN_CONTEXT, RRN_FRONT_HINT, RRN_BACK_HINT))),
    "card": CARD_CONTEXT,
    "account": ACCOUNT_CONTEXT,
}
_BACK_AFTER_FRONT = re.compile(f"{_CUES['rrn'].pattern}|{RRN_BACK_AFTER_FRONT.pattern}")
PHONE_PREFIXES = frozenset(
    {*MOBILE_PREFIXES, *AREA_CODES, "02", "070", "080", *(f"050{d}" for d in "2345678")}
)
# "1644 인가 1661 인가": two guesses, not the pieces of one number
_ALTERNATIVE = re.compile(r"인가|인지|아니면|또는|거나")
_PLATE_BEFORE = re.compile(r"[0-9]{2,3}\s?[가-힣]\s?$")
# An office's extension ("대표 02-3707-9000 내선 412"): a desk, not a piece of a number.
_EXTENSION_BEFORE = re.compile(r"내선\s*(?:번호)?\s*(?:은|는|이|가)?\s*$")
_SAID_APART = re.compile(r"[\s가-힣]")
_GLUED = re.compile(r"[_/@]|\.[A-Za-z0-9]")
_GLUED_BEFORE = re.compile(r"(?:[_/@]|[A-Za-z0-9]\.)$")
_LOCAL_WORD = re.compile(r"[A-Za-z]{3,}|[0-9]{3,}")
_MIN_SPELLED = 3  # letters said one by one; fewer match an address by chance
_CLOSING = ".,!?…~"


@dataclass(frozen=True, slots=True)
class _Piece:
    """Consecutive groups of one chain that no span covers."""

    groups: tuple[DigitGroup, ...]

    @property
    def start(self) -> int:
        return self.groups[0].start

    @property
    def end(self) -> int:
        return self.groups[-1].end

    @property
    def digits(self) -> str:
        return "".join(g.digits for g in self.groups)


def _pieces(chains: list[list[DigitGroup]], spans: list[Span]) -> list[_Piece | Span]:
    """Uncovered pieces and the spans between them, in text order. A quantity ("1105호")
    counts as a span of its own: a dictation does not go on across it. "그리고" ends a piece:
    what follows is said as the next part ("삼삼 사사요 그리고 오오 육육")."""
    items: list[_Piece | Span] = list(spans)
    for chain in chains:
        run: list[DigitGroup] = []
        for group in [*chain, None]:
            free = group is not None and not any(
                s < group.end and group.start < e for s, e, _ in spans
            )
            if free and not (run and group.and_joined):
                run.append(group)
                continue
            if run:
                if run[-1].quantity:
                    items.append((run[0].start, run[-1].end, "quantity"))
                else:
                    items.append(_Piece(tuple(run)))
            run = [group] if free else []
    items.sort(key=lambda item: item.start if isinstance(item, _Piece) else item[0])
    return items


def _dictated(text: str, items: list[_Piece | Span]) -> tuple[list[Span], list[tuple[str, str]]]:
    """Runs of pieces that together make one number, masked piece by piece, and the digits
    and type of each such number. The last piece may end with the start of something else
    ("오사삼이요. 구팔칠육 …" ends one number and starts its read-back), so its groups are
    tried from all to one."""
    found: list[Span] = []
    numbers: list[tuple[str, str]] = []
    items = list(items)
    i = 0
    while i < len(items):
        joined = _longest_join(text, items, i)
        if joined is None:
            i += 1
            continue
        j, used, (kind, digits, end) = joined
        pieces: list[_Piece] = items[i:j]  # type: ignore[assignment]
        last: _Piece = items[j]  # type: ignore[assignment]
        found.extend((p.start, p.end, kind) for p in pieces)
        found.append((last.start, end, kind))
        numbers.append((digits, kind))
        if used < len(last.groups):
            items[j] = _Piece(last.groups[used:])
            i = j
        else:
            i = j + 1
    return found, numbers


def _longest_join(
    text: str, items: list[_Piece | Span], i: int
) -> tuple[int, int, tuple[str, str, int]] | None:
    """(index of the last piece, groups of it used, (type, digits, end)) of the longest run
    of pieces from ``i`` that reads as one number."""
    masked = [item for item in items[:i] if not isinstance(item, _Piece)]
    since, named_before = max(((end, kind) for _, end, kind in masked), default=(0, None))
    run: list[_Piece] = []
    for item in items[i : i + _MAX_PIECES]:
        if not isinstance(item, _Piece) or (run and item.start - run[-1].end > _MAX_INTERRUPTION):
            break
        if Context(text, item.start, item.end).negative():
            break  # "… 칠 일 안에 취소됩니다 접수번호는 이공이사 …": named as another kind
        if len(item.groups) == 1 and _numbered(text, item.end):
            break  # "일오영일번 간선버스 … 일오영일 파란 버스": not 1501-1501
        if run and _ALTERNATIVE.search(text, run[-1].end, item.start):
            break
        if len(item.digits) < 2:  # "이" alone is a particle far more often than a 2
            break
        run.append(item)
    if len(run) >= 2 and _BACK_NAMED.search(text, max(0, run[0].start - 12), run[0].start):
        # "뒤 네 자리가 칠삼팔팔이에요 앞은 공일공 구이이일이고요": the back said first. Read
        # so before anything else: "뒷번호" names a resident number's back half as well, but
        # a front that begins a phone number says which ("뒷번호부터 말할게요 사사구공 앞에는
        # 공일공 칠이일육").
        digits = run[1].digits + run[0].digits
        bounds = [len(run[1].digits)]
        ctx = Context(text, run[1].start, run[1].end)
        if classify(digits, bounds, ctx, single_digits=False, closed_right=True) == "phone":
            return i + 1, len(run[1].groups), ("phone", digits, run[1].end)
    # One piece alone was read by ``numbers`` already, unless a group in it was broken off and
    # said again ("공일공 오칠 어 오칠이구 일일공삼").
    for j in range(len(run) - 1, -1, -1):
        last = run[j].groups
        for used in range(len(last), 0, -1):
            if used < len(last) and not _SAID_APART.search(
                text, last[used - 1].end, last[used].start
            ):
                continue  # "2024.03.15" is not cut into pieces
            said = [p.groups for p in run[:j]] + [tuple(run[j].groups[:used])]
            for repeats in (True, False) if j else (True,):
                meant = _as_meant(text, said, repeats=repeats)
                if not j and len(meant) == used:
                    continue
                reading = _classify_joined(text, meant, since, after=named_before)
                if reading is not None:
                    return i + j, used, reading
    return None


def _as_meant(
    text: str, pieces: list[tuple[DigitGroup, ...]], *, repeats: bool
) -> list[DigitGroup]:
    """The groups of consecutive pieces as the caller meant them: a piece said right after a
    correction word takes the place of the group it corrects, and a group said again only to
    be corrected is dropped with it ("공일공 삼이일 … 아 삼이일 아니고 삼이일칠이고요 뒤에는
    구사칠팔" is 010-3217-9478; "공일공에 육오 아니 육사오일이고 … 구구공팔" is 010-6451-9908).
    With ``repeats`` taken as such, groups that say the groups just before them again, when
    asked to, are dropped too ("공일공 삼삼 사사 네? 삼삼 사사요 그리고 오오 육육" is
    010-3344-5566), and so is a group broken off and said again whole (``_restarts``). Every
    piece is masked all the same."""
    groups: list[DigitGroup] = []
    before: tuple[DigitGroup, ...] | None = None
    for k, piece in enumerate(pieces):
        if before is not None and _correction_between(text, before[-1].end, piece[0].start):
            said = groups.pop().digits
            if len(before) == 1 and groups and groups[-1].digits == said:
                groups.pop()  # "삼이일 아니고 …" names the earlier 삼이일, said again
            groups.extend(piece)
        else:
            skip = _repeated(groups, piece, last=k == len(pieces) - 1) if repeats and k else 0
            for group in piece[skip:]:
                if repeats and groups and _restarts(groups[-1], group):
                    groups.pop()
                groups.append(group)
        before = piece
    return groups


def _restarts(said: DigitGroup, group: DigitGroup) -> bool:
    """A group begun, broken off and said again whole ("사일 아 사일이일", "팔구 어머님 뒤에
    뭐예요? 아 팔구공일")."""
    return 2 <= len(said.digits) < len(group.digits) and group.digits.startswith(said.digits)


def _repeated(groups: list[DigitGroup], piece: tuple[DigitGroup, ...], *, last: bool) -> int:
    """How many groups the piece begins with that say the last ``groups`` again, group for
    group; the last piece keeps at least one, where the number ends."""
    for m in range(min(len(groups), len(piece) - last), 0, -1):
        if all(a.digits == b.digits for a, b in zip(groups[-m:], piece[:m], strict=True)):
            return m
    return 0


def _classify_joined(
    text: str, groups: list[DigitGroup], since: int, *, after: str | None = None
) -> tuple[str, str, int] | None:
    """(type, digits, end) of the groups read as one number, its kind named after ``since``
    (the end of the number masked before them, whose name it was: "외국인 등록번호
    910823-6204718이고요, 1330에 물어보니 120으로" names no second number). After a resident
    number's front half (``after``), plain "뒤에는" names the back ("앞에는 구일공칠공삼이고요
    뒤에는 일이오 어 뭐더라 오사칠삼")."""
    fits: list[tuple[str, str, int, bool]] = []
    # "1588 하고 1577" may be two short numbers listed, as ``numbers`` reads it too
    and_joined = any(g.and_joined for g in groups[1:])
    for digits, bounds, start, end in iter_readings(groups):
        ctx = Context(text, start, end)
        kind = classify(
            digits, bounds, ctx, single_digits=False, closed_right=True, and_joined=and_joined
        )
        cue = _BACK_AFTER_FRONT if kind == after == "rrn" else _CUES.get(kind or "")
        named = cue is None or cue.search(text, max(since, start - _CUE_WINDOW), start)
        if kind is not None and named:
            fits.append((kind, digits, end, even_blocks(digits, bounds)))
    # A card read out in blocks of four ends with a block of four: "… 마지막이 공공일이요"
    # is 0012 and "요", where the plain reading (001, then "이요") also validates.
    best = next((f for f in fits if f[3]), fits[0] if fits else None)
    return best[:3] if best is not None else None


def _said_before(piece: _Piece, numbers: list[tuple[str, str]]) -> str | None:
    """The type of a masked number that holds the piece, or that it began to say."""
    for digits, kind in numbers:
        if piece.digits in digits:
            return kind
    abandoned = piece.digits.startswith("010") and 4 <= len(piece.digits) < 10
    if abandoned and any(kind == "phone" for _, kind in numbers):
        return "phone"
    return None


def _said_apart(text: str, piece: _Piece) -> bool:
    """Groups said as separate words ("일공공이요 일공공으로"), not one number written with
    hyphens ("관리번호 23-0188")."""
    gaps = [text[a.end : b.start] for a, b in zip(piece.groups, piece.groups[1:], strict=False)]
    return bool(gaps) and all(_SAID_APART.search(gap) for gap in gaps)


def _may_be_piece(text: str, start: int, end: int, digits: str) -> bool:
    """Long enough to tell, and not a number of its own kind that happens to match: 120, 119
    and 112 (three digits from 1), an area or mobile prefix alone ("070 번호 070-4129-…"),
    the digits of a car plate ("12가 3456 차주 연락처가 공일공 일이삼사 …"), an extension."""
    return not (
        len(digits) < _MIN_PIECE
        or (len(digits) == 3 and "110" <= digits <= "139")
        or digits in PHONE_PREFIXES
        or _PLATE_BEFORE.search(text, max(0, start - 6), start)
        or _EXTENSION_BEFORE.search(text, max(0, start - 10), start)
        or _numbered(text, end)
    )


def _numbered(text: str, end: int) -> bool:
    """A number followed by "번" (not "번호"): a bus, a route, a door ("740번 버스")."""
    return text.startswith("번", end) and not text.startswith("번호", end)


def _near_copy(a: str, b: str) -> bool:
    """One digit changed, or two neighbours swapped: how a caller corrects a group."""
    if len(a) != len(b) or a == b:
        return False
    diff = [k for k in range(len(a)) if a[k] != b[k]]
    if len(diff) == 1:
        return True
    swapped = len(diff) == 2 and diff[1] == diff[0] + 1
    return swapped and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def _correction_between(text: str, said_end: int, start: int) -> bool:
    """A correction word ("말고", "아니") close between what ended and what starts."""
    gap = text[said_end:start]
    return len(gap) <= _CORRECTION_GAP and _CORRECTION.search(gap) is not None


def _corrects(text: str, said_end: int, said: str | None, start: int, new: str) -> bool:
    """Is ``new``, said at ``start``, what the caller puts in place of what ended at
    ``said_end`` (the digits ``said``, when it was a piece rather than a whole number)?"""
    if start - said_end > _CORRECTION_GAP:
        return False
    if _correction_between(text, said_end, start):
        return said is None or abs(len(new) - len(said)) <= 1
    return said is not None and _near_copy(said, new)


def _masked_after(items: list[_Piece | Span], piece: _Piece) -> Span | None:
    """The first number or address masked after the piece."""
    return min(
        (item for item in items if not isinstance(item, _Piece) and item[0] >= piece.end),
        default=None,
    )


def _prefix_of_next(text: str, items: list[_Piece | Span], piece: _Piece) -> bool:
    """A mobile prefix said alone just before the rest of the number, which was masked by
    itself ("휴대폰 010 아 잠깐만요 9182-3345요")."""
    if piece.digits not in MOBILE_PREFIXES or (after := _masked_after(items, piece)) is None:
        return False
    start, end, kind = after
    digits = sum(c.isdigit() for c in text[start:end])
    return kind == "phone" and digits in (7, 8) and start - piece.end <= _MAX_INTERRUPTION


def _named_card_block(text: str, piece: _Piece) -> bool:
    """Four digits given as a named block of a card ("카드 앞 4자리 5327 뒷 4자리 9012"), also
    when the agent asks for the block and the caller answers ("카드번호 앞 네 자리만 말씀해
    주세요 구사일공이요"); or the first six, asked for by name ("카드번호 앞 여섯 자리와 끝
    네 자리로 본인 확인 부탁드립니다 오이칠일구팔 …"), the block named with its length."""
    if len(piece.digits) not in (4, 6):
        return False
    reach = max(0, piece.start - _CARD_BLOCK_REACH)
    blocks = [
        b
        for b in _CARD_BLOCK.finditer(text, reach, piece.start)
        if _BLOCK_LENGTH[b.group("count")] == len(piece.digits)
    ]
    if not blocks:
        return False
    if "번호" in text[blocks[-1].end() : piece.start]:
        return False  # "… 마지막 네 자리 [카드번호] 맞으시죠 네 배출번호는 이이공팔": named anew
    named_from = max(0, blocks[-1].start() - _CARD_NAMED_BEFORE_BLOCK)
    return CARD_CONTEXT.search(text, named_from, piece.start) is not None


def _end_like(piece: _Piece, said: str | None) -> int:
    """Where the piece ends: with the other reading of a trailing "이" when that gives it the
    length of the group it corrects ("칠칠팔일 말고 칠칠팔이네요" is 7782, then "네요")."""
    if said is None or (other := other_tail_reading(piece.digits, piece.groups[-1])) is None:
        return piece.end
    alt, alt_end = other
    return alt_end if len(alt) == len(said) != len(piece.digits) else piece.end


def _begun_again(
    text: str, items: list[_Piece | Span], piece: _Piece, chains: list[list[DigitGroup]]
) -> str | None:
    """The kind of the number masked right after the piece, when the piece is that number
    begun, broken off and said again from the start ("구삼공삼 이일칠칠 아 잠깐만 구삼공삼
    이일칠팔 …", "삼오칠 구일공이 어 아니다 통장 다시 볼게요 삼오칠 구일공삼 …"): its start, or
    its start with one digit wrong, with a word of starting over between."""
    if len(piece.digits) < _MIN_PIECE or (after := _masked_after(items, piece)) is None:
        return None
    start, end, kind = after
    gap = text[piece.end : start]
    if kind == "quantity" or len(gap) > _MAX_INTERRUPTION or not _STARTING_OVER.search(gap):
        return None
    said = "".join(g.digits for chain in chains for g in chain if start <= g.start < end)
    begun = said[: len(piece.digits)]
    return kind if piece.digits == begun or _near_copy(piece.digits, begun) else None


def _spoken_again(
    text: str,
    items: list[_Piece | Span],
    numbers: list[tuple[str, str]],
    chains: list[list[DigitGroup]],
) -> list[Span]:
    """Pieces of a number masked elsewhere in the text, and the groups that correct them. A
    piece that matches nothing as a whole is tried group by group ("일공공이요 일공공으로
    시작해요": the start of an account, twice)."""
    found: list[Span] = []
    last: Span | None = None  # the latest whole number or piece of one
    last_digits: str | None = None
    corrections: list[str] = []  # the digits of each group said in place of another
    for item in items:
        if not isinstance(item, _Piece):
            if item[2] != "quantity":
                last, last_digits = item, None
            continue
        if Context(text, item.start, item.end).negative():
            continue  # "운송장번호 6820 4471 9913": another kind of number, named as such
        if _prefix_of_next(text, items, item):
            found.append((item.start, item.end, "phone"))
            continue
        if (kind := _begun_again(text, items, item, chains)) is not None:
            found.append((item.start, item.end, kind))
            continue
        if (kind := _read_back_corrected(item.digits, numbers, corrections)) is not None:
            found.append((item.start, item.end, kind))
            continue
        tries = [item, *(_Piece((g,)) for g in item.groups)] if _said_apart(text, item) else [item]
        for piece in tries:
            if not _may_be_piece(text, piece.start, piece.end, piece.digits):
                continue
            kind, end = _said_before(piece, numbers), piece.end
            if kind is None and _named_card_block(text, piece):
                kind = "card"
                numbers = [*numbers, (piece.digits, kind)]  # so that a read-back is masked too
            if last is not None and _corrects(
                text, last[1], last_digits, piece.start, piece.digits
            ):
                # also when the piece occurs in the number: "칠칠팔일 말고 칠칠팔이네요" is
                # 7782, though 778 is in 02-934-7781
                kind, end = kind or last[2], _end_like(piece, last_digits)
                corrections.append(piece.digits)
            if kind is not None:
                found.append((piece.start, end, kind))
                last, last_digits = found[-1], piece.digits
                if piece is item:
                    break
    return found


def _read_back_corrected(
    digits: str, numbers: list[tuple[str, str]], corrections: list[str]
) -> str | None:
    """The kind of a number read back whole after its last group was corrected: the number
    as first said with the correction in place of its end ("일일공 사칠오 삼팔구이공일 … 뒤에
    삼팔구이공일 말고 삼팔구이일공이요 네 일일공 사칠오 삼팔구이일공 다시 확인했습니다"),
    which was never said whole before."""
    for said, kind in numbers:
        for new in corrections:
            if len(new) < len(said) and digits == said[: len(said) - len(new)] + new:
                return kind
    return None


def _letter(word: str) -> str | None:
    """What one spelled word may stand for, as a regex class: "c", "에이치" (h), "오" (o or 5)."""
    values = set()
    if len(word) == 1 and word.isascii() and word.isalnum():
        values.add(word.lower())
    if word in LETTER_NAMES:
        values.add(LETTER_NAMES[word])
    if word in DIGIT_WORDS:
        values.add(DIGIT_WORDS[word])
    return "[" + "".join(sorted(values)) + "]" if values else None


def _spelled_words(text: str) -> list[list[tuple[int, int, str]]]:
    """Runs of words that are one letter each ("c h o i고요", "에이치 에이 엔 …"), as
    (start, end, class) per word; a particle after the last letter ends the run. A separator
    said between letters ("엔 이 점 지 오" for ne.go) goes on with the run, as the local parts
    it is matched against are read without theirs."""
    runs: list[list[tuple[int, int, str]]] = [[]]
    for m in re.finditer(r"\S+", text):
        word = m.group().rstrip(_CLOSING)
        if word.lower() in LOCAL_SEPARATORS and runs[-1] and word == m.group():
            continue
        cls, end, closed = _letter(word), m.start() + len(word), word != m.group()
        for k in range(len(word) - 1, 0, -1) if cls is None else ():
            if TRAILING_PARTICLE.fullmatch(word[k:]) and (cls := _letter(word[:k])):
                end, closed = m.start() + k, True
                break
        if cls is None:
            runs.append([])
            continue
        runs[-1].append((m.start(), end, cls))
        if closed:
            runs.append([])
    return [run for run in runs if len(run) >= _MIN_SPELLED]


def _spelled_again(text: str, local_parts: list[str]) -> list[Span]:
    """An address's local part spelled letter by letter after it was said ("h.s.choi 골뱅이
    naver.com이요, 최는 c h o i고요"): the longest stretch of each run that spells part of it."""
    plain = [re.sub(r"[^a-z0-9]", "", local) for local in local_parts]
    found: list[Span] = []
    for run in _spelled_words(text):
        i = 0
        while i <= len(run) - _MIN_SPELLED:
            for j in range(len(run), i + _MIN_SPELLED - 1, -1):
                pattern = re.compile("".join(cls for _, _, cls in run[i:j]))
                if any(pattern.search(local) for local in plain):
                    found.append((run[i][0], run[j - 1][1], "email"))
                    i = j
                    break
            else:
                i += 1
    return found


def _email_pieces(text: str, spans: list[Span], taken: list[Span]) -> list[Span]:
    """Words of an address's local part said again or spelled out, and what corrects them
    ("sunhee 말고 sunhi예요", "0412가 아니라 0413이에요")."""
    local_parts = [
        ADDRESS_MARKERS.split(text[s:e], maxsplit=1)[0].lower()
        for s, e, kind in spans
        if kind == "email"
    ]
    if not local_parts:
        return []
    occupied = [*spans, *taken]
    found: list[Span] = [
        span
        for span in _spelled_again(text, local_parts)
        if not any(s < span[1] and span[0] < e for s, e, _ in occupied)
    ]
    occupied += found
    said: tuple[int, str] | None = None  # (end, word) of the latest piece of an address
    for m in _LOCAL_WORD.finditer(text):
        word = m.group().lower()
        if any(s < m.end() and m.start() < e for s, e, _ in occupied):
            continue
        if word.isdigit() and not _may_be_piece(text, m.start(), m.end(), word):
            continue
        # part of a longer written token, a handle or a link ("seoul_bakery", "/news/"), is not
        # the address said again
        glued = _GLUED.match(text, m.end()) or _GLUED_BEFORE.search(text, 0, m.start())
        piece = not glued and any(word in local for local in local_parts)
        if piece or (said is not None and _corrects(text, said[0], said[1], m.start(), word)):
            end = _whole_local_word(text, m.start(), m.end(), local_parts) if piece else m.end()
            found.append((m.start(), end, "email"))
            said = (end, text[m.start() : end].lower())
    return found


def _whole_local_word(text: str, start: int, end: int, local_parts: list[str]) -> int:
    """The end of the written word a piece begins, as far as it still spells a local part:
    "parkjy77" said again is masked whole, not as "parkjy" and a bare "77"."""
    while (
        end < len(text)
        and text[end].isascii()
        and text[end].isalnum()
        and any(text[start : end + 1].lower() in local for local in local_parts)
    ):
        end += 1
    return end


def find_fragment_spans(
    text: str, chains: list[list[DigitGroup]], spans: list[Span], numbers: list[tuple[str, str]]
) -> list[Span]:
    """Spans of number pieces that ``spans`` (the whole numbers and addresses found) miss.

    ``numbers`` holds the digits and type of each whole number masked.
    """
    items = _pieces(chains, spans)
    dictated, joined = _dictated(text, items)
    if dictated:
        items = _pieces(chains, [*spans, *dictated])
    again = _spoken_again(text, items, [*numbers, *joined], chains)
    return [*dictated, *again, *_email_pieces(text, spans, [*dictated, *again])]
