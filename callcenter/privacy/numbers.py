"""Decide which digit chains are resident numbers, phones, cards or bank accounts.

Shape alone settles most cases (a 13-digit birth-date-plus-sex-digit number, a
010 mobile, a Luhn-valid 16 digits).  Context words settle the rest: an account
number is just 10-14 digits unless the caller is talking about 계좌/통장/a bank,
and a lone back half of a resident number is just 7 digits unless 주민번호 was
said.  Negative context ("주문번호", "접수번호", ...) keeps reference numbers
that a citizen reads out from being taken for accounts or cards.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from callcenter.privacy.digits import DIGIT_WORDS, DigitGroup, iter_readings

# "주민등록등본", "주민등록증 발급일", "주민센터" are not the number itself.
# A foreign resident's number: "외국인등록번호", "외국인 등록증 번호", and the agent's "외국인이신데
# 등록번호 있으세요?" (said of the person: not "외국인 차량 등록번호").
RRN_CONTEXT = re.compile(
    r"주민\s*(?:등록\s*)?번호|외국인\s*(?:등록\s*)?번호|외국인\s*등록증\s*(?:의\s*)?번호|"
    r"외국인(?:이|인)\S{0,4}\s+등록\s*번호|"
    # the card named, then its number: "외국인등록증 분실했어요 등록번호 …"
    r"외국인\s*등록증.{0,20}?등록\s*번호|"
    # in English, on the foreign-language desk
    r"(?i:(?<!business )(?<!vehicle )(?<!company )(?<!car )registration\s+number|\bARC\b|"
    r"alien\s+registration|resident\s+(?:registration|number))"
)
RRN_BACK_HINT = re.compile(
    r"뒷\s*자리|뒷\s*번호|뒤\s*자리|뒤에\s*일곱|뒤\s*일곱|(?i:back\s+(?:part|half)|second\s+half)"
)
# "앞자리 911203 뒷자리 1048572": callers often name the halves and never say 주민번호.
RRN_FRONT_HINT = re.compile(
    r"앞\s*자리|앞\s*번호|앞에\s*여섯|앞\s*여섯|(?i:front\s+(?:part|half)|first\s+half)"
)
# Said as a pair, plain "앞에는 … 뒤에는 …" name the halves too.
RRN_BACK_AFTER_FRONT = re.compile(RRN_BACK_HINT.pattern + r"|뒤에는|뒤는|뒤엔|(?i:\bback\b)")
RRN_FRONT_BEFORE_BACK = re.compile(RRN_FRONT_HINT.pattern + r"|앞에는|앞은|앞엔")
PHONE_CONTEXT = re.compile(
    r"전화|연락처|연락\s*번호|핸드폰|휴대폰|휴대\s*전화|폰\s*번호|폰은|팩스|직통|회선|문자\s*주|콜백|"
    r"(?i:\bphone\b|\bmobile\b|\bcell\b|call\s+me|text\s+me|contact\b)"
)
CARD_CONTEXT = re.compile(
    r"카드|card|비자|visa|마스터|master|아멕스|amex|다이너스|diners|jcb|유니온페이", re.IGNORECASE
)
ACCOUNT_CONTEXT = re.compile(
    r"계좌|통장|입금|이체|송금|환불|환급|출금|예금주|은행|뱅크|금고|우체국|농협|수협|신협|신한|"
    r"국민(?!\s*(?:연금|건강|임대|체육|권익|신문고|기초|행복|카드|여러분|청원|의))|"
    r"우리\s*은행|하나\s*은행|기업\s*은행|제일\s*은행|씨티|토스|카카오\s*뱅크|케이\s*뱅크|카뱅|케뱅|"
    r"\bKB\b|\bNH\b|\bIBK\b|\bSC\b|증권|저축|(?i:\baccount\b|\bbank\b|\brefund\b|\bdeposit\b)"
)
# A company's registration number has a resident number's shape (6-7 digits, a date in front):
# "법인등록번호 110111-4823917" is the company's, not a person's.
CORPORATE_CONTEXT = re.compile(r"법인\s*(?:등록\s*)?번호")
# "+", or "plus" said before an international number ("plus four four seven seven …", "플러스
# 팔이 …"): part of the number, as "+" is, so it goes inside the mask.
_PLUS_BEFORE = re.compile(r"(?:\+|(?:(?i:\bplus\b)|플러스)\s*)$")


def even_blocks(digits: str, bounds: list[int]) -> bool:
    """Said in groups of one length ("4576 1230 8809 1472")."""
    cuts = [0, *bounds, len(digits)]
    return len({b - a for a, b in itertools.pairwise(cuts)}) == 1


def _plus_before(text: str, start: int) -> re.Match[str] | None:
    """The "+" or spoken plus that ends just before ``start``, if any."""
    return _PLUS_BEFORE.search(text, max(0, start - 6), start)


# The word itself, for the lengths an account shares with cards.
_ACCOUNT_NAMED = re.compile(r"계좌|통장|(?i:\baccount\b)")
# "… 870245 로 보냈는데": money sent to a number makes it an account without a bank's name.
MONEY_SENT_TO = re.compile(
    r"^\s*(?:이거|이쪽|여기)?\s*(?:으로|로)\s*(?:돈\s*을?\s*|안\s*|아직\s*안\s*)?"
    r"(?:보냈|보내|넣었|넣어|부쳤|부쳐|쐈|이체|입금|송금|들어오|들어왔|들어와)"
)
NEGATIVE_CONTEXT = re.compile(
    r"(?:주문|접수|송장|운송장|승인|고객|민원|사업자|법인|신청|관리|예약|차량|우편|고지서|"
    r"환급|납세|과세|부과|수납|수용가|쿠폰|"
    r"전자\s*납부|납부|가입자|회원|계약|등기|사건|주차권|영수증|일련|티켓|배송|조회|인증|"
    r"처리|문서|사업장|상품|모델|제품|시리얼|버스|노선|과태료|위반|증명서|발급|등록|확인|거래|"
    r"결제|이용|대여|정류장|정류소|사물함|좌석|열차|객실|여권|면허|보험|증권\s*계약|"
    r"예매|습득물|분실물|대여소|자전거|승강기|고유)\s*번호|"
    r"송장|운송장|주문\s*번호|시리얼|일련|"
    # a bill or receipt the number is read from is its source, not its kind ("충전 영수증에
    # 적어 놨는데 어 일공일공 …", a transport card's number after "카드 번호 알고 계십니까")
    r"(?:고지서|영수증)(?!\s*에\s*(?:적|써|나와|나온|있))"
)
# Any kind of personal number named.
_PERSONAL_CUE = re.compile(
    "|".join(p.pattern for p in (RRN_CONTEXT, PHONE_CONTEXT, CARD_CONTEXT, ACCOUNT_CONTEXT)),
    re.IGNORECASE,
)

# The cue that makes digits written as an amount ("1,002,447,815,203") one of these kinds: the
# recognizer puts thousands separators into long numbers it takes for quantities.
# Money words (환급, 입금) do not count: next to them such a number is the amount.
GROUPED_CUES: dict[str, re.Pattern[str]] = {
    "rrn": RRN_CONTEXT,
    "phone": PHONE_CONTEXT,
    "card": CARD_CONTEXT,
    "account": re.compile(r"계좌|통장|은행|뱅크|농협|신협|수협|우체국|금고"),
}

_MAX_DIGITS = 19  # the longest card numbers
_WINDOW_BEFORE = 40
_WINDOW_AFTER = 20
_NEG_WINDOW = 16
# The halves of a resident number said as a pair with no kind named near them (``Context``):
# a word just before "뒤에는", and one just after.
_FRONT_THEN_BACK = re.compile(r"(\S+)\s+(?:뒤에는|뒤는|뒤엔)\s*$")
_NEXT_BACK_NAMED = re.compile(
    r"^(?:이고요|이고|이요|요)?\s*(?:그\s*)?다음\s*(?:뒷\s*자리|뒷\s*번호)"
)
_FRONT_THEN_NAMED_BACK = re.compile(
    r"(\S+?)(?:이고요|이고|이요|요)?\s+(?:다음\s*)?(?:뒷\s*자리|뒷\s*번호|뒤\s*자리)"
)
_BACK_AFTER_THEN = re.compile(r"\s+(?:뒤에는|뒤는|뒤엔)\s+([0-9공영일이삼사오육칠팔구]+)")


def _digits_of_word(word: str) -> str:
    """The digits of a word written or said digit by digit, or "" when it is not one."""
    digits = "".join(c if c.isdigit() else DIGIT_WORDS.get(c, "") for c in word)
    return digits if len(digits) == len(word) else ""


def _front_half_word(word: str) -> bool:
    """A word of six digits that make a birth date: a resident number's front half."""
    digits = _digits_of_word(word)
    return len(digits) == 6 and birth_date_ok(digits)


MOBILE_PREFIXES = ("010", "011", "016", "017", "018", "019")
AREA_CODES = frozenset(
    [
        "031",
        "032",
        "033",
        "041",
        "042",
        "043",
        "044",
        "051",
        "052",
        "053",
        "054",
        "055",
        "061",
        "062",
        "063",
        "064",
        "070",
        "080",
    ]
)
SHARED_PREFIXES = ("15", "16", "18")  # 1588-xxxx, 1600-xxxx, 1899-xxxx business numbers


def luhn_ok(digits: str) -> bool:
    """Luhn check of card numbers: filters out 9 in 10 random digit strings."""
    total = 0
    for k, ch in enumerate(reversed(digits)):
        d = int(ch)
        if k % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def birth_date_ok(yymmdd: str) -> bool:
    month, day = int(yymmdd[2:4]), int(yymmdd[4:6])
    return 1 <= month <= 12 and 1 <= day <= 31


def rrn_ok(digits: str) -> bool:
    """Birth date plus sex/century digit (5-8 for foreigners); no checksum on purpose.

    Numbers issued since October 2020 no longer carry a valid checksum.
    """
    return len(digits) == 13 and birth_date_ok(digits[:6]) and digits[6] in "12345678"


def phone_layout(digits: str) -> tuple[int, int] | None:
    """(prefix length, middle length) of a Korean phone number, or None."""
    n = len(digits)
    if digits.startswith(MOBILE_PREFIXES):
        # 10 digits: 011/016-019 numbers and the early 010-xxx-xxxx ones.
        return (3, n - 7) if n in (10, 11) else None
    if digits.startswith("02") and n in (9, 10):
        return 2, n - 6
    if digits[:3] in AREA_CODES and n in (10, 11):
        return 3, n - 7
    if digits.startswith("050") and n in (11, 12) and digits[3] in "2345678":
        return 4, n - 8
    if digits.startswith(SHARED_PREFIXES) and n == 8:
        return 4, 0
    return None


@dataclass(frozen=True, slots=True)
class Context:
    """Cue words around a candidate number, looked up in the original text."""

    text: str
    start: int
    end: int

    def _before(self, width: int = _WINDOW_BEFORE) -> str:
        return self.text[max(0, self.start - width) : self.start]

    def _after(self, width: int = _WINDOW_AFTER) -> str:
        return self.text[self.end : self.end + width]

    def distance(self, pattern: re.Pattern[str]) -> int | None:
        """Characters between the number and the nearest cue, either side."""
        before = self._before()
        hits = [len(before) - m.end() for m in pattern.finditer(before)]
        hits += [m.start() for m in pattern.finditer(self._after())]
        return min(hits) if hits else None

    def near(self, pattern: re.Pattern[str], *, before: int = _WINDOW_BEFORE) -> bool:
        return bool(pattern.search(self._before(before)))

    def ahead(self, pattern: re.Pattern[str], *, after: int = _WINDOW_AFTER) -> bool:
        return bool(pattern.search(self._after(after)))

    def named_last(self, pattern: re.Pattern[str], other: re.Pattern[str]) -> bool:
        """``pattern`` is named just before the number, after any ``other``."""
        before = self._before(14)
        mine = [m.end() for m in pattern.finditer(before)]
        theirs = [m.end() for m in other.finditer(before)]
        return bool(mine) and max(mine) > max(theirs, default=-1)

    def after_a_front_half(self) -> bool:
        """Six digits that make a birth date, then "뒤에는" just before: the halves said as a
        pair with no kind named near them ("네 사구공삼일사 뒤에는 이공육칠팔삼공"; the agent
        asked for the resident number a sentence before)."""
        said = _FRONT_THEN_BACK.search(self._before())
        return said is not None and _front_half_word(said.group(1))

    def front_half_then_back_named(self, *, before: int) -> bool:
        """Six digits that make a birth date with the back half asked for by name right after
        them, ``before`` characters back at most: "상담사: 육오일이이팔 다음 뒷자리 불러
        주시겠어요 … 민원인: 이팔팔공일사오요" (the front half read back, then the back
        half given after a pause, with no kind named in the call)."""
        return any(
            _front_half_word(said.group(1))
            for said in _FRONT_THEN_NAMED_BACK.finditer(self._before(before))
        )

    def before_a_back_half(self) -> bool:
        """The front half of such a pair: "뒤에는" and seven digits a back half can be next."""
        said = _BACK_AFTER_THEN.match(self._after(24))
        digits = _digits_of_word(said.group(1)) if said else ""
        if len(digits) == 8 and digits.endswith("2"):
            digits = digits[:7]  # "… 이공육칠팔삼공이요": 이 may be the copula
        return len(digits) == 7 and digits[0] in "12345678"

    def front_half_named(self) -> bool:
        """The last half named just before is the front one ("앞자리가 팔오공삼일이이고요":
        850312 and 이고요, not a back half 8503122)."""
        return self.named_last(RRN_FRONT_HINT, RRN_BACK_HINT)

    def negative(self) -> bool:
        """A reference number is named just before, and no kind of personal number after
        that name ("전자납부번호 말고 가상계좌 5621…" is an account)."""
        before = self._before(_NEG_WINDOW)
        offset = self.start - len(before)
        # "주민등록번호", "외국인등록번호" are not "등록번호", even with their start cut off
        wider = max(0, offset - 8)
        personal = [
            (m.start() - offset, m.end() - offset)
            for m in RRN_CONTEXT.finditer(self.text, wider, self.start)
        ]
        ends = [
            m.end()
            for m in NEGATIVE_CONTEXT.finditer(before)
            if not any(s <= m.start() and m.end() <= e for s, e in personal)
        ]
        if not ends:
            return False
        named_after = before[ends[-1] :]
        return not any(
            cue.search(named_after)
            for cue in (RRN_CONTEXT, PHONE_CONTEXT, CARD_CONTEXT, ACCOUNT_CONTEXT)
        )


def _within_segments(bounds: list[int], n: int, cuts: set[int]) -> bool:
    """No group said across one of the number's natural cuts ("010 1 2 3 4 5678")."""
    edges = [0, *bounds, n]
    return all(not any(a < c < b for c in cuts) for a, b in itertools.pairwise(edges))


def _phone_shape_ok(bounds: list[int], digits: str, layout: tuple[int, int]) -> bool:
    prefix, middle = layout
    n = len(digits)
    cuts = {prefix, prefix + middle} if middle else {prefix}
    allowed = cuts | {n - 2}  # "오육 칠팔": last four said in pairs
    if middle == 4:
        allowed.add(prefix + 2)
    return set(bounds) <= allowed or _within_segments(bounds, n, cuts)


def _card_shape_ok(bounds: list[int], n: int) -> bool:
    # 4-4-4-4, 4-6-5, pairs: every cut at an even position, or groups inside blocks of 4.
    return all(b % 2 == 0 for b in bounds) or _within_segments(bounds, n, set(range(4, n, 4)))


def classify(
    digits: str,
    bounds: list[int],
    ctx: Context,
    *,
    single_digits: bool,
    closed_right: bool,
    positional: bool = False,
    and_joined: bool = False,
) -> str | None:
    """The PII type of one reading of a candidate chain, or None.

    ``positional`` readings ("천이백삼십사") are trusted only as phone numbers, the one
    place callers use them for digits; elsewhere they are amounts and years.
    ``and_joined`` readings ("1588 하고 1577") may be two short numbers listed, so
    they are not taken for the short phone shapes (15xx-xxxx, local numbers).
    """
    n = len(digits)
    if positional:
        layout = phone_layout(digits)
        if layout and digits.startswith("0") and _phone_shape_ok(bounds, digits, layout):
            return "phone"
        return None
    negative = ctx.negative()
    # One unbroken run of digits after "접수번호" is a reference number, whatever its shape.
    unmarked_reference = negative and not bounds
    corporate = ctx.named_last(CORPORATE_CONTEXT, RRN_CONTEXT)
    if n == 13 and (not bounds or 6 in bounds or single_digits) and not corporate:
        rrn_cue = bounds == [6] or ctx.near(RRN_CONTEXT)
        # "카드번호는 4412154728037" is an old 13-digit card even though it reads as a
        # plausible resident number: the caller named it.
        said_card = not rrn_cue and luhn_ok(digits) and ctx.distance(CARD_CONTEXT) is not None
        if rrn_ok(digits) and (rrn_cue or not unmarked_reference) and not said_card:
            return "rrn"
        if digits[6] in "12345678" and rrn_cue:
            return "rrn"

    layout = phone_layout(digits)
    plus = _plus_before(ctx.text, ctx.start) is not None
    international = plus or bounds[:1] == [2]
    if layout is None and digits.startswith("82") and n in (11, 12) and international:
        layout = phone_layout("0" + digits[2:])
        if layout is not None:
            return "phone"  # +82 10 1234 5678
    if plus and not digits.startswith("82") and 8 <= n <= 15:
        return "phone"  # "+84 91 234 5678", "+998 90 123 45 67": another country's number
    # Eleven digits from 010 are a mobile number however the recognizer grouped them
    # ("010 28 475 531", "공일 공이팔 사칠오오 삼일"); other lengths keep their natural cuts.
    shaped = (
        single_digits
        or (layout is not None and _phone_shape_ok(bounds, digits, layout))
        or (n == 11 and digits.startswith("010"))
    )
    short_number = layout is not None and layout[1] == 0
    if (
        layout is not None
        and shaped
        and not unmarked_reference
        and not (short_number and and_joined)
    ):
        return "phone"

    card_shape = single_digits or _card_shape_ok(bounds, n)
    # "0507-1482-3396이랑 010-…": two numbers joined by "and" are not one card, unless it is
    # read as its four blocks of four ("5223 하고 3079 하고 2440 하고 2687")
    four_blocks = n == 16 and bounds == [4, 8, 12]
    if 13 <= n <= 19 and card_shape and not negative and (four_blocks or not and_joined):
        card_dist = ctx.distance(CARD_CONTEXT)
        account_dist = ctx.distance(ACCOUNT_CONTEXT)
        # The name said just before is the number's own ("카드번호 1010-8821-… 환불 되나요"
        # names a card, whatever the refund after it is paid to).
        account_nearer = (
            account_dist is not None
            and (card_dist is None or account_dist < card_dist)
            and not ctx.named_last(CARD_CONTEXT, ACCOUNT_CONTEXT)
        )
        if luhn_ok(digits) and not (account_nearer and n <= 14):
            return "card"
        card_length = n in (15, 16) or (n == 19 and closed_right)
        if card_dist is not None and not account_nearer and card_length:
            # A misheard digit breaks Luhn; the caller still said 카드번호. Nineteen digits
            # only where nothing follows: "… 3012 010 1234 5678" is a card, then a phone.
            return "card"
        if four_blocks and (
            not account_nearer
            or (card_dist is not None and not ctx.near(_ACCOUNT_NAMED, before=20))
        ):
            # Read out in the four blocks printed on a card: a misheard digit breaks Luhn,
            # and no reference number a caller reads is printed that way without its name.
            # An account is not either, so a refund named after the card ("카드 번호 전체
            # 불러 주시면 카드사 통해서 환급 처리해 드릴게요 육이오팔 …") leaves it a card.
            return "card"

    if (
        10 <= n <= 14
        and not negative
        and (ctx.distance(ACCOUNT_CONTEXT) is not None or ctx.ahead(MONEY_SENT_TO, after=12))
    ):
        return "account"
    if n in (15, 16) and not negative and bounds and ctx.near(_ACCOUNT_NAMED, before=20):
        return "account"  # "가상계좌 27901-5583-442107": some banks' virtual accounts

    if closed_right:
        other_number = any(
            ctx.near(cue, before=20) for cue in (PHONE_CONTEXT, CARD_CONTEXT, ACCOUNT_CONTEXT)
        )
        # The back half follows its hint closely, unless the caller named the front half
        # first and then paused ("뒷자리는 잠깐만요 지갑 좀 보고요, 이칠구사공일오요"), or
        # was asked for it by name and hesitated ("주민번호 뒷자리요? 그건 좀… 꼭 말해야
        # 돼요? 네 본인 확인용이라서요. 일팔일이공삼오요").
        back_half_cue = ctx.near(RRN_CONTEXT) or (
            not other_number
            and (
                ctx.near(RRN_BACK_HINT, before=14)
                or (
                    ctx.near(RRN_BACK_AFTER_FRONT, before=40)
                    and ctx.near(RRN_FRONT_BEFORE_BACK, before=80)
                )
                or (ctx.near(RRN_CONTEXT, before=80) and ctx.near(RRN_BACK_HINT, before=80))
                or ctx.after_a_front_half()
                or (
                    ctx.near(RRN_BACK_HINT, before=80)
                    and ctx.front_half_then_back_named(before=120)
                )
            )
        )
        if (
            n == 7
            and digits[0] in "12345678"
            and back_half_cue
            and not negative
            and not ctx.front_half_named()
        ):
            return "rrn"
        # Without 주민번호, a front half is one only when the caller goes on to the back half.
        front_half_cue = ctx.near(RRN_CONTEXT) or (
            not other_number
            and not negative
            and (
                (ctx.near(RRN_FRONT_BEFORE_BACK, before=14) and ctx.ahead(RRN_BACK_AFTER_FRONT))
                or ctx.before_a_back_half()
                # "육오일이이팔 다음 뒷자리 불러 주시겠어요": the back half asked for right after
                or ctx.ahead(_NEXT_BACK_NAMED, after=12)
                # "주민등록번호 앞자리부터 말씀해 주시겠어요 잠시만요 할머니 앞자리 뭐야 … 아
                # 삼칠공구이팔": the front half asked for by name, the kind named before that
                or (ctx.near(RRN_FRONT_HINT, before=14) and ctx.near(RRN_CONTEXT, before=80))
            )
        )
        if n == 6 and birth_date_ok(digits) and front_half_cue:
            return "rrn"
        if (
            n in (7, 8)
            and bounds in ([3], [4])
            and digits[0] in "23456789"  # exchange numbers never start with 0 or 1
            and not (n == 8 and digits[:2] in ("19", "20") and birth_date_ok(digits[2:]))
            and not negative
            and not and_joined
            and ctx.near(PHONE_CONTEXT, before=24)
        ):
            return "phone"  # local number said without the area code
    return None


def _two_back_halves(groups: list[DigitGroup], following: DigitGroup) -> bool:
    """Seven digits followed by seven more, each starting as a back half does."""
    return len(groups) == 1 and all(
        len(g.digits) == 7 and g.digits[0] in "12345678" for g in (groups[0], following)
    )


def find_number_spans(chain: list[DigitGroup], text: str) -> list[tuple[int, int, str]]:
    """Leftmost-longest PII numbers inside one chain: (start, end, type)."""
    spans: list[tuple[int, int, str]] = []
    ends = list(itertools.accumulate(len(g.digits) for g in chain))
    # "고지서 번호 2024-0101-1122 2024-0208-3344 …", "전자납부번호 일일육팔공 일 이공이사공칠
    # …": a chain named as a reference number holds no personal number further in, unless
    # a personal one is named on the way.
    named_other = Context(text, chain[0].start, chain[0].end).negative()
    pos = 0
    while pos < len(chain):
        if pos and named_other and not _PERSONAL_CUE.search(text, chain[0].start, chain[pos].start):
            pos += 1
            continue
        found: tuple[int, int, int, str] | None = None
        before = ends[pos - 1] if pos else 0
        tail_of_longer = pos > 0 and (not spans or spans[-1][1] < chain[pos - 1].end)
        # Only sub-chains short enough to be one number are worth reading.
        last_max = bisect.bisect_right(ends, before + _MAX_DIGITS + 4) - 1
        for last in range(last_max, pos - 1, -1):
            groups = chain[pos : last + 1]
            if groups[-1].quantity:
                continue
            single = len(groups) > 3 and all(len(g.digits) == 1 for g in groups)
            positional = any(g.positional for g in groups)
            fits: list[tuple[int, int, str, bool]] = []
            for digits, bounds, start, end in iter_readings(groups):
                if len(digits) < 6 or len(digits) > _MAX_DIGITS:
                    continue
                ctx = Context(text, start, end)
                kind = classify(
                    digits,
                    bounds,
                    ctx,
                    single_digits=single,
                    # a quantity after it ("1582039이고요 1993년생") cannot continue it, nor
                    # another back half ("애들 뒷자리는 4123456 3567812")
                    closed_right=last == len(chain) - 1
                    or chain[last + 1].quantity
                    or _two_back_halves(groups, chain[last + 1]),
                    positional=positional,
                    and_joined=any(g.and_joined for g in groups[1:]),
                )
                if kind == "phone" and len(digits) <= 8 and tail_of_longer:
                    # "운송장번호 5520 1873 3306": the end of a longer number read in groups
                    # only looks like a 1800- or local number.
                    continue
                if kind is not None and any(g.grouped for g in groups):
                    # "1,539,204" is an amount unless the kind of number is named.
                    kind = kind if ctx.near(GROUPED_CUES[kind]) else None
                if kind is not None:
                    fits.append((start, end, kind, even_blocks(digits, bounds)))
                    if kind != "card" or fits[-1][3]:
                        break
            if fits:
                # A card read out in blocks of four ends with a block of four: "… 팔팔공구
                # 일사칠이요" is 1472 and "요", though 147 and "이요" make a card too.
                start, end, kind, _ = next((f for f in fits if f[2] == "card" and f[3]), fits[0])
                found = (last, start, end, kind)
                break
        if found is None:
            pos += 1
            continue
        last, start, end, kind = found
        plus = _plus_before(text, start) if kind == "phone" else None
        if plus is not None:
            start = plus.start()
        elif (
            kind == "phone"
            and text[start - 1 : start] in ("(", "（")
            and text[chain[pos].end : chain[pos].end + 1] in (")", "）")
        ):
            start -= 1  # "(02) 734-8812"
        spans.append((start, end, kind))
        pos = last + 1
    return spans
