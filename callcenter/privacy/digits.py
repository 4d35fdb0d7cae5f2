"""Turn a recognizer transcript into chains of digit groups, written or spoken.

Callers read numbers aloud digit by digit in Sino-Korean ("공일공 일이삼사"), in
Arabic digits as Whisper writes them ("010-1234-5678"), or in a mix, with
connectors between the halves ("다시", "에", "하고") and fillers ("어", "음").
Detection rules downstream only see *chains*: runs of digit groups that a speaker
would say as one number, with each group's offsets into the original text so a
span can be masked exactly.  Everything that is plainly not part of a spoken
number (a counter such as "번"/"원"/"년", a plate letter, an ordinary word,
an amount written with thousands separators) ends the chain, which is what
keeps bus numbers, dates and amounts from being glued into a phone number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

# Sino-Korean digit syllables as said when reading a number digit by digit.
DIGIT_WORDS: dict[str, str] = {
    "공": "0",
    "영": "0",
    "빵": "0",
    "일": "1",
    "이": "2",
    "삼": "3",
    "사": "4",
    "오": "5",
    "육": "6",
    "륙": "6",
    "칠": "7",
    "팔": "8",
    "구": "9",
}

# Digit syllables as a recognizer mishears them on a phone line: 육 loses its final consonant,
# 일 after a vowel is heard as 리 ("칠이리오"). See ``respell_misheard``.
MISHEARD_DIGITS: dict[str, str] = {"유": "육", "리": "일"}

# Native Korean numerals, which older callers use to read a number digit by digit ("공 하나
# 공에 넷 넷 일곱 둘"). Taken as digits only in a run of at least _MIN_NATIVE_RUN of them, so
# that "애가 둘이에요" and "하나만 더요" stay words.
NATIVE_DIGITS: dict[str, str] = {
    "하나": "1",
    "둘": "2",
    "셋": "3",
    "넷": "4",
    "다섯": "5",
    "여섯": "6",
    "일곱": "7",
    "여덟": "8",
    "아홉": "9",
}
# Digits said in English, as foreign residents often read a number ("제로 원 제로 …", "zero one
# zero …", "공일공 포 에잇 투 쓰리 …"): like native numerals, only in such a run.
ENGLISH_DIGITS: dict[str, str] = {
    "제로": "0",
    "원": "1",
    "투": "2",
    "쓰리": "3",
    "포": "4",
    "파이브": "5",
    "식스": "6",
    "세븐": "7",
    "에잇": "8",
    "나인": "9",
}
LATIN_DIGITS: dict[str, str] = {
    "zero": "0",
    "oh": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
}
_WORD_DIGITS = {**NATIVE_DIGITS, **ENGLISH_DIGITS}
_MIN_NATIVE_RUN = 3
# A plus said before a country code (``_between_digits``).
_PLUS_WORDS = frozenset({"플러스", "plus", "+"})
_NATIVE_RE = re.compile("|".join(sorted(_WORD_DIGITS, key=len, reverse=True)))

# Particles after a group that do not end the number: "010에 1234에 5678",
# "공일공이요, 일이삼사요", "구공공일공일하고 ...".
SOFT_SUFFIXES: frozenset[str] = frozenset(
    {
        "에",
        "에다",
        "에다가",
        "하고",
        "하구",
        "이고",
        "고",
        "이구",
        "구",
        "이요",
        "요",
        "이고요",
        "고요",
        "이구요",
        "구요",
        "이랑",
        "랑",
        "다시",
        "이며",
        "며",
        "쉬고",
        "의",
        # an old landline's exchange with 국 run into it: "공이 칠칠일국에 사사오공"
        "국",
        "국에",
        "국의",
    }
)

# Words said between the groups of one number.
CONNECTOR_WORDS: frozenset[str] = frozenset(
    {
        "다시",
        "대시",
        "빼기",
        "작대기",
        "하이픈",
        "바",
        "에",
        "하고",
        "그리고",
        "다음",
        "다음에",
        "쉬고",
        "띄고",
        "띄우고",
        "한칸",
        "dash",
        "hyphen",
        "어",
        "음",
        "으음",
        "음음",
        "어어",
        "그",
        "저",
        "아",
        "엄",
        "흠",
        "그러니까",
        "그니까",
        "국번",
        # the exchange of an old landline said as such: "칠백팔십삼 국에 사천오백이십일 번"
        "국",
        "국에",
        "국의",
    }
)

# Counters and particles that may follow a digit group; the group is still a
# number (so "5678번으로" ends a phone number) but nothing after it joins the chain.
_COUNTERS = (
    "번호|번지|번째|번|호선|호|동|층|년도|년생|년|개월|월|일|시간|시|분|초|원|살|세|명|개|대|회|차|"
    "출구|등|위|프로|퍼센트|키로|킬로|미터|센치|km|분기|주년|주|달|박|인분|인|권|장|통|건|곳|군데|가지|"
    "줄|칸|점|배|마리|잔|병|그릇|평|학년|반|조|단지|블록|길|가|자리|만|천|백|십"
)
_PARTICLES = (
    "이래요|래요|이래|래|이라던데|라던데|이라는데|라는데|이라더라고요|라더라고요|이랍니다|랍니다|"
    "이더라고요|더라고요|이던데|던데|이었는데|였는데|이었고|였고|이었습니다|였습니다|이어서|여서|"
    "이에요|이예요|에요|예요|입니다|이었어요|였어요|이었|였|이다|이야|야|이죠|죠|인데요|인데|이라고|라고|"
    "이라서|라서|이라는|라는|이라|라|이란|란|인가요|인가|인지|이네요|네요|이잖아요|잖아요|이거든요|거든요|"
    "이니까|니까|이면|면|이거나|거나|이나|나|이지|지|이구요|구요|이고요|고요|이고|고|이요|요|이랑|랑|"
    "까지|부터|에서|에게|한테|께|밖에|뿐|처럼|같이|쯤|정도|씩|째|으로|로|은|는|이|가|을|를|도|만|의|에|인|예|"
    # the copula and endings of Chungcheong, Jeolla, Gyeongsang and Jeju speech: "...삼이여",
    # "팔팔이유", "051-806-3347인기라", "...칠팔이라예", "...28인디", "...이랑께", "...마씸"
    "이여|여|이유|유|인기라|기라|이라예|라예|인교|이니더|입니더|니더|인디요|인디|이랑께|랑께|잉께|"
    "마씸|이우다|우다|혀|이여라"
)
# Four or more digit syllables make a number, whatever ending a dialect glues to them
# ("삼삼사오우다", "이팔삼사마씸"); words that merely start with a digit syllable are shorter.
_MIN_SPOKEN_FOR_ANY_ENDING = 4
_MAX_ANY_ENDING = 4
_HARD_SUFFIX_RE = re.compile(rf"(?:{_COUNTERS})?(?:{_PARTICLES})*")
_MAX_SUFFIX = 12  # longer runs are words, and bound the regex backtracking
_PARTICLES_ONLY_RE = re.compile(rf"(?:{_PARTICLES}|의|하고|다시|쉬고)*")

# After a digit syllable with a final consonant (일, 삼, 육, 칠, 팔, 공, 영, 빵) a
# trailing "이" followed by one of these is the copula or subject particle, not "2":
# "일이삼사오육칠이에요" is 1234567 + 이에요.
_COPULA_FOLLOW = (
    "에요",
    "요",
    "고",
    "구",
    "었",
    "라",
    "야",
    "다",
    "죠",
    "지",
    "니",
    "면",
    "나",
    "랑",
    "며",
    "거",
    "잖",
    "네",
    "래",
    "던",
    "더",
    "어서",
    "여",
    "유",
)

# Counters that make a number a quantity ("35000원", "2025년", "1502호"): such a group
# can end a chain but never be the last group of a personal number.  "번" is not
# among them: "5678번으로 연락 주세요" ends a phone number.
_QUANTITY_RE = re.compile(
    r"(?:년|개월|월|일|시간|시|분|초|원|살|세|명|개|대|회|차|호선|호|동|층|출구|등|위|프로|퍼센트|"
    r"키로|킬로|미터|센치|km|m|cm|kg|g|분기|주년|주|달|박|인분|권|장|통|건|곳|군데|가지|줄|칸|"
    r"점|배|마리|잔|병|그릇|평|학년|반|조|단지|블록|길|만|천|백|십|번지|번째|%)",
    re.IGNORECASE,
)


def is_quantity(suffix: str) -> bool:
    """Does the text right after a number make it a quantity (원, 년, 호, km ...)?"""
    particles_only = len(suffix) <= _MAX_SUFFIX and _PARTICLES_ONLY_RE.fullmatch(suffix)
    return not particles_only and bool(_QUANTITY_RE.match(suffix))


# A counter said as a word of its own after a spoken number ("십오 분이고요", "천오백 원",
# "이십 층"): a whole call is full of such times and amounts, and read as digits "십오 … 삼십 …
# 사십" made 1530-4030, a company's number. Only counters that no digit syllable begins, with
# nothing but particles after them ("일" may be the next digit; "주세요" is not 주).
_COUNTER_WORD_RE = re.compile(
    rf"(?:분|원|시간|시|초|년|개월|월|명|살|개|회|층|호|동|달|킬로|미터|프로|퍼센트|평|마리|권|"
    rf"건|군데|번째|학년|만|천)(?:{_PARTICLES})*"
)


def _counted(readings: list[Reading], tokens: list[re.Match[str]]) -> list[Reading]:
    """Spoken groups followed by a counter word (``_COUNTER_WORD_RE``) marked as quantities."""
    out = list(readings)
    for i, reading in enumerate(readings):
        if reading is None or reading[0].quantity or not reading[0].spoken:
            continue
        if reading[1] != "none":
            continue  # "일오오칠이고 시간은 …": the ending closed the number; 시간 is a word
        j = i + 1
        if j < len(tokens) and tokens[j].lastgroup == "space":
            j += 1
        word = tokens[j].group() if j < len(tokens) and tokens[j].lastgroup == "hangul" else ""
        if word and readings[j] is None and _COUNTER_WORD_RE.fullmatch(word):
            out[i] = (replace(reading[0], quantity=True), reading[1])
    return out


_SINO = "일이삼사오육칠팔구"
# Positional Sino-Korean numerals, "천이백삼십사" = 1234: some callers say the
# four-digit halves of a phone number this way.
_POSITIONAL_RE = re.compile(
    rf"(?:(?P<th>[{_SINO}])?(?P<T>천))?(?:(?P<hu>[{_SINO}])?(?P<H>백))?"
    rf"(?:(?P<te>[{_SINO}])?(?P<E>십))?(?P<on>[{_SINO}])?"
)

# A digit said once with how often it comes, as some callers read "88" or "666": "공일공 팔 두
# 번 삼사 …", "육 세 개", "따블 오". After a digit only inside a number already begun.
_REPEAT_AFTER = re.compile(r"(두|세|네)\s?(?:번|개)")
_REPEAT_BEFORE: dict[str, int] = {"따블": 2, "더블": 2, "트리플": 3, "double": 2, "triple": 3}
_TIMES: dict[str, int] = {"두": 2, "세": 3, "네": 4}  # "칠 네 개": a whole group of one digit

# O for 0 and l or I for 1 in a group of digits: a chat message's typo, not a letter. A
# group is one or two such letters among three or more digits, with no other letter beside it.
_TYPED_FOR_DIGIT = re.compile(r"(?<![A-Za-z])[0-9OolI]*[0-9][0-9OolI]*(?![A-Za-z])")


def _as_digits(m: re.Match[str]) -> str:
    group = m.group()
    letters = sum(not c.isdigit() for c in group)
    if not 0 < letters <= 2 or len(group) - letters < 3:
        return group
    return "".join("0" if c in "Oo" else "1" if c in "lI" else c for c in group)


# Connectors that may mean "and" between two separate numbers rather than a dash.
_AND_RE = re.compile(r"하고|하구|그리고|이랑|랑|이며|며")

# A code of letters and digits that the digits go on after a hyphen ("KF39-2281-7764").
_CODE_BEFORE = re.compile(r"[A-Za-z][A-Za-z0-9]*[0-9]*-$")

_GAP_PUNCT = frozenset("-‐‑‒–—―−ㅡ.,·/()…－．，／（）")  # and their full-width forms
_MAX_GAP_CHARS = 14
_MAX_GAP_WORDS = 2

_TOKEN_RE = re.compile(
    r"(?P<amount>(?<![0-9])[0-9]{1,3}(?:,[0-9]{3})+(?![0-9]))"
    r"|(?P<digits>[0-9０-９]+)"
    r"|(?P<hangul>[가-힣]+)"
    r"|(?P<latin>[A-Za-z]+)"
    r"|(?P<space>\s+)"
    r"|(?P<other>.)",
    re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class DigitGroup:
    """One group of digits as said or written, with offsets into the text.

    ``alt`` is the other reading of a trailing "이" that may be the digit 2 or a particle
    (with it when ``digits`` leaves it out, without it when ``digits`` has it), decided later
    by which reading validates.
    """

    start: int
    end: int
    digits: str
    spoken: bool
    alt_digits: str | None = None
    alt_end: int | None = None
    quantity: bool = False  # followed by a counter such as 원/년/호
    grouped: bool = False  # written with thousands separators, as an amount is
    and_joined: bool = False  # "1588 하고 1577": joined to the group before by "and"
    positional: bool = False  # said as "천이백삼십사" rather than digit by digit


def _has_final_consonant(syllable: str) -> bool:
    return (ord(syllable) - 0xAC00) % 28 != 0


def classify_suffix(rest: str) -> str | None:
    """'none', 'soft' (the chain may go on), 'hard' (the chain ends) or None (not a number)."""
    if not rest:
        return "none"
    if rest in SOFT_SUFFIXES:
        return "soft"
    if len(rest) <= _MAX_SUFFIX and _HARD_SUFFIX_RE.fullmatch(rest):
        return "hard"
    return None


def _to_ascii_digits(raw: str) -> str:
    return "".join(chr(ord(c) - 0xFEE0) if "０" <= c <= "９" else c for c in raw)


def respell_misheard(run: str) -> str:
    """ "유팔삼이" -> "육팔삼이": a digit syllable the recognizer heard as a near word.

    Only inside a run of at least four syllables that are all digits or misheard ones, at
    least two of them real, with a digit after the misheard one: a final "유" is a dialect
    ending ("팔팔이유"), and words such as "유리", "이유", "이리 오세요" are shorter.
    """
    n = 0
    while n < len(run) and (run[n] in DIGIT_WORDS or run[n] in MISHEARD_DIGITS):
        n += 1
    real = sum(run[k] in DIGIT_WORDS for k in range(n))
    if n < _MIN_SPOKEN_FOR_ANY_ENDING or real < 2 or real == n:
        return run
    fixed = [
        MISHEARD_DIGITS[c] if c in MISHEARD_DIGITS and k + 1 < n else c
        for k, c in enumerate(run[:n])
    ]
    return "".join(fixed) + run[n:]


def analyze_spoken(run: str, offset: int) -> tuple[DigitGroup, str] | None:
    """Read a Hangul word as spoken digits plus a particle, e.g. "구공공일공일에".

    Returns the group and the suffix kind, or None when the word is not a number
    ("사람", "오늘", "칠백사십번": positional numerals are quantities, not digit strings).
    """
    run = respell_misheard(run)
    n = 0
    while n < len(run) and run[n] in DIGIT_WORDS:
        n += 1
    if n == 0 or (n < len(run) and run[n] in "천백십"):
        return _analyze_positional(run, offset)
    for cut in range(n, 0, -1):
        kind = classify_suffix(run[cut:])
        if kind is not None:
            break
    else:
        if n < _MIN_SPOKEN_FOR_ANY_ENDING or len(run) - n > _MAX_ANY_ENDING:
            return None
        cut, kind = n, "hard"
    word = run[:cut]
    rest = run[cut:]
    alt_digits: str | None = None
    alt_end: int | None = None
    if len(word) >= 2 and word[-1] == "이":
        copula_next = bool(rest) and rest.startswith(_COPULA_FOLLOW)
        if copula_next and _has_final_consonant(word[-2]):
            # "...칠이에요" is most often 7 + 이에요, but "일공사칠칠팔이요" was 1047782 + 요:
            # the copula reading first, the digit reading as the alternative.
            alt_digits = "".join(DIGIT_WORDS[c] for c in word)
            alt_end = offset + len(word)
            word = word[:-1]
            rest = "이" + rest
            kind = "soft" if rest in SOFT_SUFFIXES else "hard"
        elif copula_next or (not rest and _has_final_consonant(word[-2])):
            # After a vowel "이요" is usually just the digit 2 and "요" ("...삼사이요"), but
            # callers also say the copula there ("일오오사팔삼이 이요" run together as
            # "일오오사팔삼이이요"): both readings are kept and the one that validates wins.
            alt_digits = "".join(DIGIT_WORDS[c] for c in word[:-1])
            alt_end = offset + len(word) - 1
    digits = "".join(DIGIT_WORDS[c] for c in word)
    if (
        alt_digits is None
        and len(word) >= 3
        and rest[:1] in MISHEARD_DIGITS
        and classify_suffix(rest[1:]) is not None
    ):
        # "사사칠유": 447 and the dialect ending 유, or 4476 with 육 heard as 유 at the end of
        # a number ("공일공 유팔삼이 사사칠유 맞아요"); the reading that makes a number wins
        alt_digits = digits + DIGIT_WORDS[MISHEARD_DIGITS[rest[0]]]
        alt_end = offset + len(word) + 1
    group = DigitGroup(
        start=offset,
        end=offset + len(word),
        digits=digits,
        spoken=True,
        alt_digits=alt_digits,
        alt_end=alt_end,
        quantity=is_quantity(rest),
    )
    return group, kind


def analyze_native(word: str, offset: int) -> tuple[DigitGroup, str] | None:
    """Read a word as native or English numerals plus a particle ("넷에", "일곱", "여섯이여",
    "에잇"), or None.

    Sino-Korean digits may stand among them ("삼삼하나둘", "구하나둘사": 하나 and 둘 said for 1
    and 2 so as not to be heard as 일 and 이); after the last native one, as few are taken as
    leave a particle, so that "하나둘이요" is 12 and 이요."""
    end = 0
    digits = ""
    while True:
        if m := _NATIVE_RE.match(word, end):
            digits += _WORD_DIGITS[m.group()]
            end = m.end()
            continue
        sino_end = end
        while sino_end < len(word) and word[sino_end] in DIGIT_WORDS:
            sino_end += 1
        if sino_end == end or not _NATIVE_RE.match(word, sino_end):
            break
        digits += "".join(DIGIT_WORDS[c] for c in word[end:sino_end])
        end = sino_end
    if not digits:
        return None
    for taken in range(end, sino_end + 1):
        if (kind := classify_suffix(word[taken:])) is not None:
            digits += "".join(DIGIT_WORDS[c] for c in word[end:taken])
            end = taken
            break
    else:
        return None
    # The particle may begin with a digit ("둘칠팔구요": 278 and 구요, or 2789 and 요): the
    # longer reading is kept as the alternative, for a read-back to choose (``_as_read_back``).
    alt_digits: str | None = None
    alt_end: int | None = None
    if end < sino_end and classify_suffix(word[end + 1 :]) is not None:
        alt_digits, alt_end = digits + DIGIT_WORDS[word[end]], offset + end + 1
    group = DigitGroup(
        offset,
        offset + end,
        digits,
        spoken=True,
        alt_digits=alt_digits,
        alt_end=alt_end,
        quantity=is_quantity(word[end:]),
    )
    return group, kind


Reading = tuple[DigitGroup, str] | None

# Digits said run together with the word before them, when the recognizer left the space out
# ("번호는공일공칠칠이팔삼삼사일이요"): as long as a number, far longer than any word's run of
# digit syllables ("이사오일" is a word; seven in a row is not), or a mobile prefix ending the
# word, with the rest of the number to follow ("연락처가공일공 사사칠일 …").
_MIN_GLUED_DIGITS = 7
_GLUED_PREFIX = "공일공"


def _spoken_in(word: str, offset: int) -> Reading:
    """A Hangul word read as spoken digits, or the digits at its end glued to a word."""
    reading = analyze_spoken(word, offset)
    if reading is not None:
        return reading
    if len(word) > len(_GLUED_PREFIX) and word.endswith(_GLUED_PREFIX):
        cut = len(word) - len(_GLUED_PREFIX)
        return None if word[cut - 1] in DIGIT_WORDS else analyze_spoken(word[cut:], offset + cut)
    for k in range(1, len(word) - _MIN_GLUED_DIGITS + 1):
        run = word[k : k + _MIN_GLUED_DIGITS]
        if word[k - 1] not in DIGIT_WORDS and all(c in DIGIT_WORDS for c in run):
            glued = analyze_spoken(word[k:], offset + k)
            return glued if glued is not None and len(glued[0].digits) >= 7 else None
    return None


def _read_tokens(tokens: list[re.Match[str]]) -> list[Reading]:
    """Each token read as a number (a group and its suffix kind), or None: once per token.

    Native numerals are taken where they stand in a run of at least ``_MIN_NATIVE_RUN`` of
    them; a run goes on over spaces, gap punctuation, connector words and Sino-Korean digit
    words ("영일영에 일곱 둘 다섯 하나"), and stops at anything else. Every other Hangul word
    that is not a connector is read as Sino-Korean digits.
    """
    native: list[Reading] = []
    spoken: list[Reading] = []
    for tok in tokens:
        word = tok.group()
        hangul = tok.lastgroup == "hangul"
        if tok.lastgroup == "latin" and word.lower() in LATIN_DIGITS:
            group = DigitGroup(tok.start(), tok.end(), LATIN_DIGITS[word.lower()], spoken=True)
            native.append((group, "none"))
        else:
            native.append(analyze_native(word, tok.start()) if hangul else None)
        spoken.append(
            _spoken_in(word, tok.start()) if hangul and word not in CONNECTOR_WORDS else None
        )
    accepted: set[int] = set()
    run: list[int] = []
    for i, tok in enumerate([*tokens, None]):
        if tok is not None:
            kind, word = tok.lastgroup, tok.group()
            if native[i] is not None:
                run.append(i)
                continue
            if kind == "space" or (kind == "other" and word in _GAP_PUNCT):
                continue
            if kind == "latin" and word.lower() in _REPEAT_BEFORE:
                continue  # "double oh", "triple three"
            if kind == "hangul" and (
                word in CONNECTOR_WORDS
                or ((reading := spoken[i]) is not None and not reading[0].positional)
            ):
                continue
        # numerals, not words: "하나둘셋넷" is one word of four
        if sum(
            len(native[j][0].digits) for j in run if native[j] is not None
        ) >= _MIN_NATIVE_RUN or _between_digits(run, tokens, spoken):
            accepted.update(run)
        run = []
    readings = [native[i] if i in accepted else spoken[i] for i in range(len(tokens))]
    return _counted(readings, tokens)


def _between_digits(run: list[int], tokens: list[re.Match[str]], spoken: list[Reading]) -> bool:
    """A shorter run of native or English numerals said between two words of Sino-Korean
    digits, inside a number being dictated ("공일공 육칠사이 하나하나 삼육이요": 하나하나 is 11,
    not "one by one"), or after a spoken plus before them: a country code ("플러스 원 이일삼
    오오오 …", +1, not a won)."""
    if not run:
        return False

    def at(i: int, step: int) -> int | None:
        while 0 <= i < len(tokens) and tokens[i].lastgroup == "space":
            i += step
        return i if 0 <= i < len(tokens) else None

    def digits(i: int | None) -> bool:
        reading = spoken[i] if i is not None else None
        return reading is not None and not reading[0].positional

    before = at(run[0] - 1, -1)
    plus = before is not None and tokens[before].group().lower() in _PLUS_WORDS
    return (digits(before) or plus) and digits(at(run[-1] + 1, 1))


def _analyze_positional(run: str, offset: int) -> tuple[DigitGroup, str] | None:
    m = _POSITIONAL_RE.match(run)
    if m is None or not (m.group("T") or m.group("H") or m.group("E")):
        return None
    kind = classify_suffix(run[m.end() :])
    if kind is None:
        return None

    def place(digit: str | None, marker: str | None) -> int:
        if marker is None:
            return 0
        return int(DIGIT_WORDS[digit]) if digit else 1

    value = (
        place(m.group("th"), m.group("T")) * 1000
        + place(m.group("hu"), m.group("H")) * 100
        + place(m.group("te"), m.group("E")) * 10
        + (int(DIGIT_WORDS[m.group("on")]) if m.group("on") else 0)
    )
    group = DigitGroup(
        start=offset,
        end=offset + m.end(),
        digits=str(value),
        spoken=True,
        quantity=is_quantity(run[m.end() :]),
        positional=True,
    )
    return group, kind


@dataclass(slots=True)
class _Builder:
    """Accumulates groups into chains while scanning tokens left to right."""

    text: str
    chains: list[list[DigitGroup]]
    current: list[DigitGroup]
    open: bool = False  # may the next group join the current chain?
    gap_chars: int = 0
    gap_words: int = 0

    def close(self) -> None:
        if self.current:
            self.chains.append(self.current)
        self.current = []
        self.open = False

    def add(self, group: DigitGroup, suffix_kind: str) -> None:
        if not (
            self.open and self.gap_chars <= _MAX_GAP_CHARS and self.gap_words <= _MAX_GAP_WORDS
        ):
            self.close()
        if self.current and _AND_RE.search(self.text, self.current[-1].end, group.start):
            group = replace(group, and_joined=True)
        self.current.append(group)
        self.gap_chars = 0
        self.gap_words = 0
        self.open = suffix_kind in ("none", "soft")
        if not self.open:
            self.close()

    def gap(self, length: int, *, word: bool = False) -> None:
        self.gap_chars += length
        if word:
            self.gap_words += 1


def _repeated(group: DigitGroup, repeat: tuple[int, int] | None) -> DigitGroup:
    """A single digit said after "따블", "double" (``repeat``: times, start of that word)."""
    if repeat is None or len(group.digits) != 1:
        return group
    times, first = repeat
    return replace(group, start=first, digits=group.digits * times, alt_digits=None, alt_end=None)


def _copula_after_written(group: DigitGroup, chain: list[DigitGroup]) -> bool:
    """ "9003-2214-7781-6 이여": after digits written as digits, a word of "이" and an
    ending is the copula the recognizer set apart, not a spoken 2."""
    alone = group.digits == "2" and group.end == group.start + 1
    return alone and bool(chain) and not chain[-1].spoken


def _listed(chain: list[DigitGroup]) -> bool:
    """A comma after one or two written digits separates the items of a list."""
    return bool(chain) and not chain[-1].spoken and len(chain[-1].digits) <= 2


def digit_chains(
    text: str, *, blocked: list[tuple[int, int]] | None = None
) -> list[list[DigitGroup]]:
    """Split ``text`` into chains of digit groups that may form one spoken number.

    ``blocked`` ranges (already detected e-mail addresses) are treated as ordinary words.
    """
    blocked = blocked or []
    # A letter typed for a digit inside a number ("010-3345-77O2"), one character for one, so
    # the offsets still index ``text``.
    text = _TYPED_FOR_DIGIT.sub(_as_digits, text)
    b = _Builder(text=text, chains=[], current=[])
    tokens = list(_TOKEN_RE.finditer(text))
    readings = _read_tokens(tokens)
    repeat: tuple[int, int] | None = None  # (times, start) of a "따블" waiting for its digit
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        kind = tok.lastgroup
        start, end = tok.span()
        if any(bs < end and start < be for bs, be in blocked):
            b.close()
            i += 1
            continue
        if kind in ("digits", "amount"):
            prev_char = text[start - 1] if start > 0 else ""
            if (prev_char.isascii() and prev_char.isalpha()) or _CODE_BEFORE.search(
                text, max(0, start - 12), start
            ):
                b.close()  # "N26", "KTX123", "KF39-2281-7764": part of a name or a code
                i += 1
                continue
            suffix_kind = "none"
            quantity = False
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if nxt is not None and (nxt.lastgroup in ("hangul", "latin") or nxt.group() == "%"):
                word = nxt.group()
                suffix_kind = "soft" if word in SOFT_SUFFIXES else "hard"
                quantity = is_quantity(word)
                i += 1
            digits = _to_ascii_digits(tok.group()).replace(",", "")
            grouped = kind == "amount"
            group = DigitGroup(start, end, digits, spoken=False, quantity=quantity, grouped=grouped)
            b.add(group, suffix_kind)
        elif kind == "hangul":
            word = tok.group()
            times = _REPEAT_AFTER.match(text, start)
            if times and len(b.current) >= 2 and b.open and len(b.current[-1].digits) == 1:
                last = b.current[-1]
                n = _TIMES[times.group(1)]
                b.current[-1] = replace(
                    last, digits=last.digits * n, end=times.end(), alt_digits=None, alt_end=None
                )
                b.gap_chars = b.gap_words = 0
                while i + 1 < len(tokens) and tokens[i + 1].start() < times.end():
                    i += 1
            elif word in _REPEAT_BEFORE and b.current:
                repeat = (_REPEAT_BEFORE[word], start)
                b.gap(len(word), word=True)
            elif word in CONNECTOR_WORDS:
                b.gap(len(word), word=True)
            else:
                analyzed = readings[i]
                if analyzed is None or _copula_after_written(analyzed[0], b.current):
                    b.close()
                else:
                    group, suffix_kind = analyzed
                    b.add(_repeated(group, repeat), suffix_kind)
            if word not in _REPEAT_BEFORE:
                repeat = None
        elif kind == "latin":
            word = tok.group().lower()
            if word in CONNECTOR_WORDS:
                b.gap(len(word), word=True)
            elif word in _REPEAT_BEFORE and b.current:
                repeat = (_REPEAT_BEFORE[word], start)  # "oh one oh double eight …"
                b.gap(len(word), word=True)
                i += 1
                continue
            elif (analyzed := readings[i]) is not None:
                group, suffix_kind = analyzed  # "zero one zero …" in a run of such words
                b.add(_repeated(group, repeat), suffix_kind)
            else:
                b.close()
            repeat = None
        elif kind == "space":
            b.gap(end - start)
        elif kind == "other" and tok.group() in ",，" and _listed(b.current):
            b.close()  # "로또 3, 11, 17, 24": a list of small numbers, not one number
        elif kind == "other" and tok.group() in _GAP_PUNCT:
            b.gap(1)
        else:  # ':', '~', '?' and other punctuation end the number
            b.close()
        i += 1
    b.close()
    return b.chains


def other_tail_reading(digits: str, tail: DigitGroup) -> tuple[str, int] | None:
    """``digits``, which end with ``tail``'s, read with the other reading of its trailing "이",
    and where that reading ends; None when the tail has no other reading."""
    if tail.alt_digits is None or tail.alt_end is None:
        return None
    return digits[: len(digits) - len(tail.digits)] + tail.alt_digits, tail.alt_end


def iter_readings(groups: list[DigitGroup]) -> Iterator[tuple[str, list[int], int, int]]:
    """Each reading of consecutive groups: (digits, internal boundaries, start, end).

    The plain reading comes first; readings that take the other reading of an ambiguous
    trailing "이" follow, so a number validates under whichever reading fits.
    """
    ambiguous = [k for k, g in enumerate(groups) if g.alt_digits is not None][:4]
    for mask in range(1 << len(ambiguous)):
        use_alt = {ambiguous[bit] for bit in range(len(ambiguous)) if mask >> bit & 1}
        digits = ""
        bounds: list[int] = []
        end = groups[-1].end
        for k, g in enumerate(groups):
            if k:
                bounds.append(len(digits))
            if k in use_alt and g.alt_digits is not None and g.alt_end is not None:
                digits += g.alt_digits
                if k == len(groups) - 1:
                    end = g.alt_end
            else:
                digits += g.digits
        yield digits, bounds, groups[0].start, end
