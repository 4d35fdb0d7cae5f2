"""Find e-mail addresses, written ("abc@naver.com") or spelled out on the phone.

Callers spell addresses letter by letter in Korean ("에이비씨 골뱅이 네이버 닷컴")
or English ("abc at gmail dot com").  We never need the address itself, only its
extent, so the spoken form is checked against a small lexicon of letter names,
digit words, separators and mail providers rather than transcribed.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from callcenter.privacy.digits import ENGLISH_DIGITS

# Letter names as callers say them, and the letter each stands for.
LETTER_NAMES: dict[str, str] = {
    "에이치": "h",
    "에이취": "h",
    "에이": "a",
    "에치": "h",
    "비": "b",
    "씨": "c",
    "시": "c",
    "디": "d",
    "이": "e",
    "에프": "f",
    "지": "g",
    "쥐": "g",
    "아이": "i",
    "제이": "j",
    "케이": "k",
    "엘": "l",
    "엠": "m",
    "엔": "n",
    "오": "o",
    "피": "p",
    "큐": "q",
    "알": "r",
    "에스": "s",
    "티": "t",
    "유": "u",
    "브이": "v",
    "뷔": "v",
    "더블유": "w",
    "더블류": "w",
    "따블유": "w",
    "엑스": "x",
    "와이": "y",
    "제트": "z",
    "젯": "z",
    "제드": "z",
}
_LETTER_NAMES = list(LETTER_NAMES)
_DIGIT_NAMES = ["공", "영", "빵", "일", "이", "삼", "사", "오", "육", "칠", "팔", "구"]
# Digits said in English, as some callers spell an address ("y o o n 세븐 골뱅이").
_ENGLISH_DIGIT_NAMES = list(ENGLISH_DIGITS)
_LOCAL_SPECIALS = [
    "언더바",
    "언더스코어",
    "밑줄",
    "하이픈",
    "대시",
    "점",
    "닷",
    "쩜",
    "대문자",
    "소문자",
]
LOCAL_SEPARATORS = frozenset(
    {"dot", "닷", "점", "쩜", "underscore", "언더바", "언더스코어", "밑줄", "하이픈", "대시"}
    | {"dash", "hyphen", "-", "_", "."}
)
_DOT_WORDS = ("닷", "점", "쩜", "dot", "마침표")
# What names an address before it is said: "이메일은", "메일 주소가", "email".
_MAIL_CUE = re.compile(
    r"(?:이메일|메일|e-?mail)\s*(?:주소)?\s*(?:은요|는요|은|는|이|가|요|으로|로)?(?=\s)",
    re.IGNORECASE,
)
_MAX_NAMED_LOCAL = 40
_SURNAME = re.compile(r"[가-힣]")
# Surnames of two syllables as their romanized spelling sounds ("Choi" said "초이"); one syllable
# ("리", "킴") is taken as a surname by ``_SURNAME``.
_SPOKEN_SURNAMES = frozenset({"초이", "파크"})
_NAME_PIECE = re.compile(r"[가-힣]{1,8}[0-9]{0,8}|[A-Za-z]+")
# Words that end in these are speech ("보내", "주세요", "제꺼는"), not pieces of a name.
_NOT_NAMES = frozenset(
    {
        "제",
        "저",
        "내",
        "나",
        "거",
        "꺼",
        "것",
        "게",
        "제거",
        "제꺼",
        "내거",
        "내꺼",
        "이름",
        "주소",
        "아이디",
        "그",
        "어",
        "음",
        "아",
        "네",
        "뭐",
        "그게",
        "이거",
        "다시",
        "한번",
        "영어로",
        "영어",
        "철자",
        "스펠링",
        "그럼",
        "그러면",
        "그리고",
        "혹시",
        "일단",
        "저기",
        "예",
        "응",
        "메일",
        "이메일",
        "맞아요",
        # the English around an address said on the foreign-language desk
        "is",
        "me",
        "at",
        "to",
        "the",
        "my",
        "it",
        "its",
        "it's",
        "was",
        "address",
        "email",
        "e-mail",
        "mail",
        "please",
        "send",
        "use",
        "and",
        "or",
        "for",
        "you",
        "can",
        "your",
        "i'm",
    }
)
_SPEECH_ENDINGS = (
    "요",
    "시오",
    "다",
    "서",
    "고",
    "는",
    "은",
    "을",
    "를",
    "에",
    "로",
    "가",
    "도",
    "내",
    "해",
    "라",
    "면",
    "데",
    "님",
    "죠",
    "때",
)
_TLD_WORDS = [
    "컴",
    "넷",
    "케이알",
    "씨오",
    "오알지",
    "고",
    "에듀",
    "com",
    "net",
    "kr",
    "co",
    "org",
    "go",
    "edu",
    "io",
    # more of the endings callers give (e-mail set, 2026-12-01): "proton 쩜 me", "yahoo 쩜 co 쩜 jp"
    "me",
    "jp",
    "ru",
    "cn",
    "uk",
    "biz",
    "info",
    "ac",
    "or",
    "에이씨",
    "오알",
    "제이피",
    "알유",
    "씨엔",
    "유케이",
    "닷컴",
    "닷넷",
    "쩜컴",
    "점컴",
    "닷케이알",
]
_PROVIDERS = [
    "네이버",
    "지메일",
    "쥐메일",
    "다음",
    "한메일",
    "네이트",
    "카카오",
    "핫메일",
    "야후",
    "아웃룩",
    "아이클라우드",
    "서울",
    "코리아",
    "naver",
    "gmail",
    "daum",
    "hanmail",
    "nate",
    "kakao",
    "hotmail",
    "yahoo",
    "outlook",
    "icloud",
    "qq",
    "큐큐",
    "proton",
    "프로톤",
    "yandex",
    "얀덱스",
]

_LOCAL_LEX = frozenset(_LETTER_NAMES + _DIGIT_NAMES + _ENGLISH_DIGIT_NAMES + _LOCAL_SPECIALS)
# A hyphen said inside a domain ("seoul 하이픈 tech 쩜 co 쩜 kr"): it joins, it is not a dot.
_DOMAIN_JOINERS = ["하이픈", "대시", "hyphen", "dash"]
_DOMAIN_LEX = frozenset(
    _LETTER_NAMES + _DIGIT_NAMES + list(_DOT_WORDS) + _TLD_WORDS + _PROVIDERS + _DOMAIN_JOINERS
)
_MAX_ITEM = max(len(w) for w in _LOCAL_LEX | _DOMAIN_LEX)
_ASCII_ITEM = re.compile(r"[A-Za-z0-9._%+\-]+")

# Particles that may follow the spoken address: "...닷컴이에요", "...닷컴으로요".
TRAILING_PARTICLE = re.compile(
    r"(?:이에요|이예요|에요|예요|입니다|이고요|이고|고요|이요|요|으로요|으로|로요|로|이랑|이나|"
    r"인데요|인데|이라고|라고|이|가|은|는|을|를|도|에서요|에서|에|이죠|죠|까지|한테|"
    # endings in dialect and reported speech: "...점 컴이여", "...닷컴이유", "...닷컴인기라",
    # "...닷컴인디", "...닷 넷이랑께", "...닷컴이래요"
    r"이여|여|이유|유|인기라|이라예|라예|인디요|인디|이랑께|랑께|잉께|마씸|이우다|우다|입니더|"
    r"이래요|래요|이래|래|이거든요|거든요|이거든|거든|이니까요|이니까)+"
)
_TLD_END = tuple(_TLD_WORDS)
# Words a domain may take: a name spelled letter by letter and its endings ("큐 유 아이 씨 케이
# 알 유 엔 점 코 점 케이알" is twelve).
_MAX_DOMAIN_WORDS = 16
# A word of a domain's name that no lexicon knows, and a dot said as its own word after it
# (``_domain_end``).
_LABEL = re.compile(r"[가-힣]{1,5}|[A-Za-z][A-Za-z0-9\-]{0,30}")
_DOT_NEXT = re.compile(
    rf"(?:\s+[가-힣]{{1,5}})?\s+(?:{'|'.join(_DOT_WORDS)})(?:\s|$)", re.IGNORECASE
)
_TLD_LOW = frozenset(w.lower() for w in _TLD_WORDS)


def _dot_word(word: str) -> str:
    """The spoken dot a word begins with ("점이" -> "점"), or ""."""
    return next((d for d in _DOT_WORDS if word.startswith(d)), "")


# What separates an address's local part from its domain, written or said.
ADDRESS_MARKERS = re.compile(
    # "골뱅 이": the marker split by the recognizer, as "네이 버" after it
    r"[@＠]|골뱅이|골벵이|골[뱅벵]\s이(?![가-힣])|(?<![A-Za-z])at(?![A-Za-z])|(?<![가-힣])[앳엣](?![가-힣])"
)
_WRITTEN = re.compile(
    # "＠" typed on a Korean keyboard; spaces around the dots ("yj . park @ gmail . com")
    # and inside the local part ("yj . park @ gmail . com")
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]*(?:\s?\.\s?[A-Za-z0-9_%+\-]+)*"
    r"\s?[@＠]\s?[A-Za-z0-9\-]+"
    r"(?:\s?\.\s?[A-Za-z0-9\-]+)+"
)
_WORD = re.compile(r"\S+")
_CLOSING_PUNCT = ".,!?;:)]}\"'…~"


@lru_cache(maxsize=4096)
def _reach(chunk: str, domain: bool) -> frozenset[int]:
    """Positions of ``chunk`` reachable from 0 by lexicon items (a small word-break DP)."""
    lex = _DOMAIN_LEX if domain else _LOCAL_LEX
    reached = {0}
    for i in range(len(chunk)):
        if i not in reached:
            continue
        m = _ASCII_ITEM.match(chunk, i)
        if m:
            reached.update(range(i + 1, m.end() + 1))
        for size in range(1, min(_MAX_ITEM, len(chunk) - i) + 1):
            if chunk[i : i + size] in lex or chunk[i : i + size].lower() in lex:
                reached.add(i + size)
    return frozenset(reached)


def _spelled(chunk: str, *, domain: bool) -> bool:
    return len(chunk) in _reach(chunk, domain)


def _spelled_local_start(text: str, marker_start: int, *, english: bool = False) -> int | None:
    """Start of the local part said before the marker, or None when there is none.

    Korean letter names are said as separate words ("에이 비 씨"), so whole spelled
    words are taken back to the first ordinary word; a plain ASCII word ends the
    walk because written local parts hold no spaces ("my email is abc at ..."),
    unless a spoken separator joins it to the word before ("minho dot lee at ...").
    The English words of speech around an address (``_NOT_NAMES``: "me", "is") are such only
    before an English marker (``english``): before 골뱅이 "me" is a local part.
    """
    words = list(_WORD.finditer(text, 0, marker_start))
    if not words:
        return None
    start = marker_start
    if words[-1].end() == marker_start:  # "abc@", "에이비씨골뱅이"
        touching = words.pop()
        word = touching.group()
        ascii_tail = re.search(r"[A-Za-z0-9._%+\-]+$", word)
        if ascii_tail and (ascii_tail.start() > 0 or word.isascii()):
            return touching.start() + ascii_tail.start()
        cut = next((k for k in range(len(word)) if _spelled(word[k:], domain=False)), None)
        if cut is None:
            return None
        start = touching.start() + cut
        if cut > 0:
            return start
    touching_start = start
    taken: list[tuple[int, bool]] = []  # (start, is separator) of words taken, right to left
    after_ascii = False
    for k in range(len(words) - 1, -1, -1):
        w = words[k]
        if text[w.end() : start].strip() or len(taken) >= 12:
            break
        word = w.group()
        if word.lower() in _NOT_NAMES and (english or not word.isascii()):
            break  # "my email is j dot smith at …": the words around it are not in it
        separator = word.lower() in LOCAL_SEPARATORS
        # A surname said as itself among spelled letters ("에이치 와이 정 구이 골뱅이 …"), also
        # last, and as a romanized one sounds ("에스 리 앳 …", "에이 쩜 비 쩜 초이 골뱅이 …")
        surname = (
            k > 0
            and (_SURNAME.fullmatch(word) is not None or (not taken and word in _SPOKEN_SURNAMES))
            and _spelled(words[k - 1].group(), domain=False)
        )
        if (after_ascii and not separator) or not (_spelled(word, domain=False) or surname):
            break
        start = w.start()
        taken.append((start, separator))
        # Letters said one by one ("a h m e d") and digit groups ("h j 0402") are spelling;
        # a whole word of letters is a written local part, and the one before is not in it.
        after_ascii = word.isascii() and word.isalpha() and len(word) > 1 and not separator
    while taken and taken[-1][1]:  # "... 주소는 dot lee": a separator cannot open the address
        taken.pop()
    if taken:
        return taken[-1][0]
    return None if touching_start == marker_start else touching_start


def _local_start(
    text: str, marker_start: int, *, english: bool = False, sure: bool = False
) -> int | None:
    """Start of the local part: the spelled words before the marker, or everything said
    after "이메일은" when that is a name said as Korean syllables ("이메일 바트에르덴 점 비
    골뱅이 …", "엘레나 점 김 골뱅이 …"), or before a ``sure`` domain."""
    spelled = _spelled_local_start(text, marker_start, english=english)
    named = _named_local_start(text, marker_start, sure=sure and not english)
    if named is not None and (spelled is None or named < spelled):
        return named
    return spelled


def _named_local_start(text: str, marker_start: int, *, sure: bool = False) -> int | None:
    """The start of a name said before the marker, after a mail cue close before it: at most
    eight words back from the marker, up to a word of speech ("제 이름 김 점 민수" starts at 김;
    "이메일 에스와이박구삼 골뱅이 …" at 에스와이박구삼). When the domain after the marker is
    ``sure`` (a dot said, and a provider or a whole ending, "네이버 닷컴"), no cue is needed: a
    local part said as English words in Korean ("오울 나이트 앳 지메일 닷컴", "맘 앤 베이비 칠이
    골뱅이 …", "티 엔 엔 아이 에스 러버 언더바 에이치 골뱅이 …") is the address all the same."""
    cues = list(_MAIL_CUE.finditer(text, max(0, marker_start - _MAX_NAMED_LOCAL), marker_start))
    if not cues and not sure:
        return None
    start: int | None = None
    since = cues[-1].end() if cues else 0
    for w in reversed(_last_words(text, since, marker_start, 8)):
        word = w.group()
        if word.lower() in _NOT_NAMES:
            break
        spelled = word.lower() in LOCAL_SEPARATORS or _spelled(word, domain=False)
        if not spelled and (not _NAME_PIECE.fullmatch(word) or word.endswith(_SPEECH_ENDINGS)):
            break
        start = w.start()
        if not cues and len(word) > 1 and _ASCII_ITEM.fullmatch(word) and not word.isdigit():
            break  # "… 되죠 gracekim 골뱅이 …": a written local part has no spaces in it
    return start


@dataclass(frozen=True, slots=True)
class _Domain:
    end: int
    # A dot said and a provider or a whole ending after it ("네이버 닷컴", "엘몰 점 컴"): the
    # address is sure enough that a local part needs no mail cue before it
    # (``_named_local_start``).
    sure: bool


def _last_words(text: str, since: int, end: int, count: int) -> list[re.Match[str]]:
    """The last ``count`` words of ``text[since:end]``, read from a window that widens back
    from ``end`` until it holds them: with no mail cue ``since`` is the start of the call, and
    a whole call is long."""
    width = 16 * count
    while True:
        lo = max(since, end - width)
        words = list(_WORD.finditer(text, lo, end))
        if lo > since and words and words[0].start() == lo and not text[lo - 1].isspace():
            words = words[1:]  # the window began inside a word
        if len(words) >= count or lo == since:
            return words[-count:]
        width *= 2


def _domain_end(text: str, marker_end: int) -> _Domain | None:
    """The domain said after the marker, or None when it does not look like one."""
    pos = marker_end
    end: int | None = None
    saw_provider = saw_dot = said_dot = False
    complete = False  # a top-level domain was said: only another ".xx" may follow
    letters_after_dot = 0
    for items, w in enumerate(_WORD.finditer(text, marker_end)):
        if text[pos : w.start()].strip() or items >= _MAX_DOMAIN_WORDS:
            break
        word = w.group().rstrip(_CLOSING_PUNCT)  # "...닷컴입니다." ends the sentence
        if not word or (complete and not word.lower().startswith((*_DOT_WORDS, "."))):
            break
        reach = _reach(word, True)
        cuts = [
            k for k in reach if k and len(word) - k <= 12 and TRAILING_PARTICLE.fullmatch(word[k:])
        ]
        # "넷이유" spells as 넷 + E + U, but after a top-level domain it is the ending 이유.
        after_tld = [k for k in cuts if word[:k].lower().endswith(_TLD_END)]
        if after_tld:
            cut: int | None = min(after_tld)
        elif len(word) in reach:  # spelled whole (``_spelled``, from the reach just found)
            cut = len(word)
        else:
            cut = min(cuts, default=None)
        if (
            cut is None
            and not complete
            and _LABEL.fullmatch(word)
            and _DOT_NEXT.match(text, w.end())
        ):
            # a name we do not know, said as a word before a dot ("웹 점 디 이", "퀵런 점 코 점
            # 케이알", "구글메일 점 코 점 유 케이"): a label of the domain all the same
            cut = len(word)
        if cut is None:
            break
        stop = w.start() + cut
        body = word[:cut]
        low = body.lower()
        if complete and low.lstrip(".").removeprefix(_dot_word(low)) not in ("", *_TLD_LOW):
            break  # "… 쩜 컴 점이 두 개 있어요": after a whole domain, only another ending

        saw_provider |= any(p in low for p in _PROVIDERS)
        said_dot |= any(d in low for d in _DOT_WORDS)
        saw_dot |= said_dot or "." in body
        # A top-level domain spelled letter by letter ("점 씨 오 점 케이 알") goes on
        # until a letter is followed by something else.
        spelled_letters = body in _LETTER_NAMES and letters_after_dot < 3
        letters_after_dot = letters_after_dot + 1 if spelled_letters and saw_dot else 0
        complete = (
            saw_dot and not low.endswith((*_DOT_WORDS, ".")) and not (spelled_letters and saw_dot)
        )
        end = stop
        pos = w.end()
        if stop < w.end():
            break
    if end is None or not (saw_provider or saw_dot):
        return None
    return _Domain(end=end, sure=said_dot and (saw_provider or complete))


# An address asked for and given in halves: "골뱅이 앞이 비 아이 케이 이 러브 일이요 네 골뱅이
# 뒤는요 지메일 닷컴이요" (the agent names the half, the caller says it).
_FRONT_HALF = re.compile(
    r"(?:골뱅이|골벵이|[@＠]|앳)\s*앞(?:부분|쪽)?(?:에는|이|은|는|에)?(?:요)?(?=\s)"
)
_BACK_NAME = r"(?:뒤|뒷부분|뒤쪽)(?:에는|는|은|가|이|에)?(?:요)?"
_BACK_HALF = re.compile(rf"(?:(?:골뱅이|골벵이|[@＠]|앳)(?:\s*{_BACK_NAME})?|{_BACK_NAME})(?=\s)")
_HALVES_APART = 60  # characters from the end of the front half to the back half's name
# (the marker alone may stand for it: "골뱅이 다음 점 넷", 다음 the provider)


def _halves(text: str) -> list[tuple[int, int]]:
    """Both halves of an address given apart, each a span, when both are there."""
    found: list[tuple[int, int]] = []
    for front in _FRONT_HALF.finditer(text):
        local = _local_words(text, front.end())
        if local is None:
            continue
        start, end = local
        back = _BACK_HALF.search(text, end, end + _HALVES_APART)
        domain = _domain_end(text, back.end()) if back else None
        if back is None or domain is None:
            continue
        domain_start = next(_WORD.finditer(text, back.end())).start()
        found += [(start, end), (domain_start, domain.end)]
    return found


def _local_words(text: str, pos: int) -> tuple[int, int] | None:
    """(start, end) of a local part said from ``pos``: spelled or name words, at most eight,
    the last one's particle left out ("… 러브 일이요" ends before 요)."""
    start: int | None = None
    end: int | None = None
    for w in itertools.islice(_WORD.finditer(text, pos), 8):
        word = w.group().rstrip(_CLOSING_PUNCT)
        if word.lower() in _NOT_NAMES:
            break
        if _spelled(word, domain=False) or (
            _NAME_PIECE.fullmatch(word) and not word.endswith(_SPEECH_ENDINGS)
        ):
            start = w.start() if start is None else start
            end = w.start() + len(word)
            continue
        cut = next(
            (
                k
                for k in range(len(word) - 1, 0, -1)
                if TRAILING_PARTICLE.fullmatch(word[k:]) and _spelled(word[:k], domain=False)
            ),
            None,
        )
        if cut is not None:
            start = w.start() if start is None else start
            end = w.start() + cut
        break
    return None if start is None or end is None else (start, end)


# A name a recognizer wrote in Hangul, glued to the digits of a handle ("서연1004@gmail.com").
_GLUED_NAME = re.compile(r"[가-힣]{1,4}$")


def _glued_name_start(text: str, written: re.Match[str]) -> int:
    """Where a written address starts when the syllables of a name are glued to its digits
    ("지은0811@…", "서연1004@…": one handle, said as a name and a number). Only before a
    digit: a particle is not glued to a number, but may be to letters in a typed line
    ("메일은abc@naver.com")."""
    start = written.start()
    if not text[start].isdigit():
        return start
    name = _GLUED_NAME.search(text, max(0, start - 4), start)
    if name is None or name.group() in _NOT_NAMES:
        return start
    k = name.start()
    if k > 0 and not text[k - 1].isspace() and _GLUED_NAME.search(text, k - 1, k):
        return start  # a longer word than a name
    return k


def find_email_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every e-mail address, written or spelled."""
    spans: list[tuple[int, int]] = [
        (_glued_name_start(text, m), m.end()) for m in _WRITTEN.finditer(text)
    ]
    spans += _halves(text)
    for marker in ADDRESS_MARKERS.finditer(text):
        if any(s <= marker.start() < e for s, e in spans):
            continue
        domain = _domain_end(text, marker.end())
        if domain is None:
            continue
        end = domain.end
        start = _local_start(text, marker.start(), english=marker.group() == "at", sure=domain.sure)
        if start is None:
            continue
        if not re.search(r"[A-Za-z가-힣]", text[marker.end() : end]):
            continue  # "my landlord at 010.3357.9021": a domain has letters
        if marker.group() in ("at", "앳", "엣") and not re.search(
            r"닷|점|쩜|dot|\.", text[marker.end() : end], re.IGNORECASE
        ):
            continue  # "at" alone is too common in English to trust without "dot"
        spans.append((start, end))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged
