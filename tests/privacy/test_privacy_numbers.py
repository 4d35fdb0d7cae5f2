"""Per-type behaviour of the number detectors: resident, phone, card and account numbers."""

from __future__ import annotations

import time

import pytest

from callcenter.privacy import redact
from callcenter.privacy.numbers import birth_date_ok, luhn_ok, phone_layout, rrn_ok


def only_span(text: str) -> tuple[str, str]:
    """The single detected span as (covered input text, type)."""
    result = redact(text)
    assert len(result.spans) == 1, (text, result.spans)
    span = result.spans[0]
    return text[span.start : span.end], span.type


# --- validators -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("digits", "valid"),
    [
        ("4111111111111111", True),
        ("5105105105105100", True),
        ("378282246310005", True),
        ("4111111111111112", False),
        ("1234567890123456", False),
    ],
)
def test_luhn(digits: str, valid: bool) -> None:
    assert luhn_ok(digits) is valid


def test_rrn_plausibility_checks_date_and_sex_digit_but_not_checksum() -> None:
    assert rrn_ok("9001011234567")  # checksum digit wrong on purpose: post-2020 numbers fail it
    assert rrn_ok("8805125123456")  # foreigner (5)
    assert not rrn_ok("9013011234567")  # month 13
    assert not rrn_ok("9001321234567")  # day 32
    assert not rrn_ok("9001019234567")  # no such sex/century digit
    assert birth_date_ok("000229") and not birth_date_ok("001200")


@pytest.mark.parametrize(
    ("digits", "layout"),
    [
        ("01012345678", (3, 4)),
        ("0111234567", (3, 3)),
        ("021234567", (2, 3)),
        ("0212345678", (2, 4)),
        ("0311234567", (3, 3)),
        ("07012345678", (3, 4)),
        ("15881234", (4, 0)),
        ("050412345678", (4, 4)),
        ("0101234567890", None),
        ("0121234567", None),
        ("12345678", None),
    ],
)
def test_phone_layout(digits: str, layout: tuple[int, int] | None) -> None:
    assert phone_layout(digits) == layout


# --- resident registration numbers ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "covered"),
    [
        ("주민번호는 900101-1234567이에요", "900101-1234567"),
        ("9001011234567", "9001011234567"),
        ("주민번호 900101 1234567", "900101 1234567"),
        ("구공공일공일 다시 일이삼사오육칠", "구공공일공일 다시 일이삼사오육칠"),
        ("구공 공일 공일에 일이삼사오육칠이요", "구공 공일 공일에 일이삼사오육칠"),
        ("900101 다시 일이삼사오육칠", "900101 다시 일이삼사오육칠"),
        ("구공공일공일 빼기 일이삼사오육칠", "구공공일공일 빼기 일이삼사오육칠"),
        ("구공공일공일 작대기 일이삼사오육칠", "구공공일공일 작대기 일이삼사오육칠"),
        ("구공공일공일하고 일이삼사오육칠", "구공공일공일하고 일이삼사오육칠"),
        ("외국인등록번호 880512-5123456", "880512-5123456"),
        ("주민번호 뒷자리는 일이삼사오육칠이에요", "일이삼사오육칠"),
        ("주민등록번호 뒷자리 2345678입니다", "2345678"),
    ],
)
def test_rrn_written_spoken_and_mixed(text: str, covered: str) -> None:
    assert only_span(text) == (covered, "rrn")


def test_rrn_halves_said_apart_are_both_masked() -> None:
    text = "주민번호 앞자리는 구이공구일사고요 뒷자리는 일이오공삼사칠이에요"
    assert redact(text).text == "주민번호 앞자리는 [주민번호]고요 뒷자리는 [주민번호]이에요"


# What outside writers' sample sets found (tests/data/pii_samples_outside.tsv), each case
# rewritten in our own words.
FOUND_BY_OUTSIDE_SETS = [
    # resident numbers: halves named or paused, a year after, dialect, "이" as 2 or copula
    # the halves named, 주민번호 never said
    ("앞자리 860714 뒷자리 2031785요", "앞자리 [주민번호] 뒷자리 [주민번호]요"),
    (
        "앞자리는 팔육공칠일사고요 뒷자리는 이공삼일칠팔오요",
        "앞자리는 [주민번호]고요 뒷자리는 [주민번호]요",
    ),
    # a pause between the back-half hint and the back half
    (
        "앞자리는 팔육공칠일사, 뒷자리는 어디 보자 수첩에 적어놨는데, 이공삼일칠팔오",
        "앞자리는 [주민번호], 뒷자리는 어디 보자 수첩에 적어놨는데, [주민번호]",
    ),
    # a year after the back half cannot be part of it
    (
        "주민번호 뒷자리 2031785이고요 1986년생이에요",
        "주민번호 뒷자리 [주민번호]이고요 1986년생이에요",
    ),
    # the copula as Chungcheong and Jeolla speakers say it
    ("주민번호는 팔육공칠일사에 이공삼일칠팔삼이여", "주민번호는 [주민번호]이여"),
    ("주민번호가 팔육공칠일사 이공삼일칠팔오유", "주민번호가 [주민번호]유"),
    # "이" after a digit is the digit 2 or the copula, whichever makes the number
    ("주민번호 팔공일이삼일 다시 일오오사구삼이이요", "주민번호 [주민번호]이요"),
    ("주민번호 뒷자리는 이공삼칠칠팔이요", "주민번호 뒷자리는 [주민번호]요"),
    (
        "앞에 여섯 자리는 팔공일이삼일이고요, 뒤에는 이공삼칠칠팔오요",
        "앞에 여섯 자리는 [주민번호]이고요, 뒤에는 [주민번호]요",
    ),
    # plain 앞에는 … 뒤에는 … name the halves when said as a pair
    (
        "앞에는 칠공공사일팔요, 뒤에는... 이일사공칠육삼.",
        "앞에는 [주민번호]요, 뒤에는... [주민번호].",
    ),
    # dialect endings, and a Luhn-valid 13-digit card that also reads as a resident number
    ("집 번호는 02-734-5921인기라", "집 번호는 [전화번호]인기라"),
    ("메일은 halmoni 골뱅이 다음 점 넷이여", "메일은 [이메일]이여"),
    # a Luhn-valid 13-digit card that also reads as a birth date and a sex digit
    ("카드번호는 5203141000005입니다", "카드번호는 [카드번호]입니다"),
    ("주민번호는 5203141000005입니다", "주민번호는 [주민번호]입니다"),
    # elderly and dialect callers
    # endings of Jeju, Jeolla and Gyeongsang speech glued to spoken or written digits
    ("집 전화가 공육사에 칠이삼에 사사오공우다", "집 전화가 [전화번호]우다"),
    ("아들 번호는 공일공 삼삼칠일 팔팔이사마씸", "아들 번호는 [전화번호]마씸"),
    ("농협 351-0092-7713-28인디 거기로 넣어 주소", "농협 [계좌번호]인디 거기로 넣어 주소"),
    ("카드번호가 사일일일 일일일일 일일일일 일일일일입니더", "카드번호가 [카드번호]입니더"),
    # the copula set apart by a space after written digits is not a spoken 2
    ("새마을금고 9003-2214-7781-6 이여", "새마을금고 [계좌번호] 이여"),
    # a list of small numbers is not one long number, even beside 계좌
    (
        "로또 5, 12, 19, 23, 31, 44 맞았는데 당첨금 받을 계좌요",
        "로또 5, 12, 19, 23, 31, 44 맞았는데 당첨금 받을 계좌요",
    ),
    # digits glued to the words around them: "로" is the particle, not a counter
    ("주민번호8607142031785로해주세요", "주민번호[주민번호]로해주세요"),
    ("연락처는010-4821-7730로문자주세요", "연락처는[전화번호]로문자주세요"),
    ("카드4111111111111111로결제했는데요", "카드[카드번호]로결제했는데요"),
    # mobile numbers however the recognizer grouped them or an agent typed them
    ("연락처: ０１０－４８２１－７７３０", "연락처: [전화번호]"),  # typed in full width
    ("휴대폰 번호 010 48 217 730 입니다", "휴대폰 번호 [전화번호] 입니다"),
    ("번호가 공일 공사팔 이일칠칠 삼공 이요", "번호가 [전화번호] 이요"),
    # the chat channel (2026-12-01): a letter typed for a digit, a foreign resident's card
    # named before its number, a card's named blocks of four
    ("문자 주세요 010-52l8-O931", "문자 주세요 [전화번호]"),
    (
        "외국인등록증을 잃어버렸어요 등록번호는 9104306123457이고요",
        "외국인등록증을 잃어버렸어요 등록번호는 [주민번호]이고요",
    ),
    (
        "카드 끝 4자리 7731이고 앞 네 자리 4518이요",
        "카드 끝 4자리 [카드번호]이고 앞 네 자리 [카드번호]이요",
    ),
    # foreign residents (2026-12-01): digits said in English, in Hangul or Latin letters, in a
    # run of three or more; another country's number after "+"; a virtual account of 15
    # digits; money that did not come in to a number
    ("제 번호 제로 원 제로 이이삼일 사오육칠이요", "제 번호 [전화번호]이요"),
    ("my number zero one zero 3318 2290 thank you", "my number [전화번호] thank you"),
    ("공일공 나인 에잇 세븐 식스 일이 삼사요", "[전화번호]요"),
    ("엄마 번호는 +84 98 765 4321이에요", "엄마 번호는 [전화번호]이에요"),
    ("몽골 집 전화 +976 11 31 2345", "몽골 집 전화 [전화번호]"),
    ("재산세 가상계좌 56201-7718-330291로 냈어요", "재산세 가상계좌 [계좌번호]로 냈어요"),
    ("환급금이 3333-04-5512897로 아직 안 들어왔어요", "환급금이 [계좌번호]로 아직 안 들어왔어요"),
    # bills (2026-12-01): a front half named last ends before a trailing "이고요"; a personal
    # number named inside a chain that began as a reference number
    (
        "주민번호 앞자리는 칠공공일일사이고요 뒷자리는 이삼사오육칠팔이요",
        "주민번호 앞자리는 [주민번호]이고요 뒷자리는 [주민번호]이요",
    ),
    (
        "고지서 번호 2024-0312-7781 연락처 010-2231-5567",
        "고지서 번호 2024-0312-7781 연락처 [전화번호]",
    ),
    # welfare and transport (2026-12-01): a card named just before its number, whatever the
    # refund after it; a foreign resident's halves after "외국인등록번호 앞 … 뒤 …"
    (
        "교통카드 번호가 1010 4521 7733 9082인데 환급되나요",
        "교통카드 번호가 [카드번호]인데 환급되나요",
    ),
    (
        "카드번호 9440-1187-3320-5561 환불은 언제 돼요",
        "카드번호 [카드번호] 환불은 언제 돼요",
    ),
    (
        "외국인등록번호 앞 960215 뒤 6123457이요",
        "외국인등록번호 앞 [주민번호] 뒤 [주민번호]이요",
    ),
    # two children's back halves said one after the other
    (
        "애들 주민번호 뒷자리는 4051234 3062345예요",
        "애들 주민번호 뒷자리는 [주민번호] [주민번호]예요",
    ),
    # smishing (2026-12-01): a safe number and a mobile joined by "이랑" are two phones
    (
        "문자 보낸 번호가 0504-2231-8876이랑 010-3321-4456이에요",
        "문자 보낸 번호가 [전화번호]이랑 [전화번호]이에요",
    ),
    # English on the foreign-language desk (2026-12-01): the kind named in English, digits said
    # in English with "double" and "triple", "plus" before a country code (inside the mask, as
    # "+" is, since calls on behalf of others, 2026-12-01)
    ("my bank account is 3333-12-7781904", "my bank account is [계좌번호]"),
    (
        "my ARC front part is 910305 and the back part is 5123849",
        "my ARC front part is [주민번호] and the back part is [주민번호]",
    ),
    ("call me on oh one oh double five two one triple eight four", "call me on [전화번호]"),
    (
        "my number in Australia is plus six one four one two three four five six seven eight",
        "my number in Australia is [전화번호]",
    ),
    # incident calls and business owners (2026-12-01): a company's registration number has a
    # resident number's shape and stays, the owner's own after it goes; an old landline said
    # with its exchange, "국에", is one number
    ("저희 법인번호는 131111-2012347이고 사업장은 성수동이에요", None),
    (
        "법인 등록번호 일삼일일일일 이공공일이삼사 대표자 주민번호는 680523-1234567요",
        "법인 등록번호 일삼일일일일 이공공일이삼사 대표자 주민번호는 [주민번호]요",
    ),
    ("집 전화가 공이 구백사십일 국에 칠천이백삼십 번이에요", "집 전화가 [전화번호] 번이에요"),
    # calls on behalf of others (2026-12-01): "플러스" before a country code is part of the
    # number; an office's extension stays, even when its digits end a number said before it;
    # 하나 and 둘 said for 1 and 2 among Sino-Korean digits, and native numerals glued in one word
    ("아드님 번호가 플러스 일 이공이 오오오 영일칠삼이래요", "아드님 번호가 [전화번호]이래요"),
    (
        "상담실은 02-2290-6513이고 바쁘면 대표번호 02-2290-6000 내선 513으로 주세요",
        "상담실은 [전화번호]이고 바쁘면 대표번호 [전화번호] 내선 513으로 주세요",
    ),
    ("딸 전화는 공일공 구하나둘사 오오둘하나예요", "딸 전화는 [전화번호]예요"),
    ("제 핸드폰 공일공 일곱여덟아홉공 둘셋넷다섯이요", "제 핸드폰 [전화번호]이요"),
    # documents and screens read out (2026-12-01): a printed number with hidden digits is
    # masked whole as its kind while what is left still points at someone; an address's local
    # part said again is masked as a whole word
    (
        "초본에 동생 주민번호가 990707-2******로 나와요",
        "초본에 동생 주민번호가 [주민번호]로 나와요",
    ),
    ("문자 온 번호가 010-5**2-77**인데 누구예요", "문자 온 번호가 [전화번호]인데 누구예요"),
    ("환불 계좌가 1002-***-889101로 찍혀 있어요", "환불 계좌가 [계좌번호]로 찍혀 있어요"),
    ("결제한 카드 4518-****-****-2231 맞아요", "결제한 카드 [카드번호] 맞아요"),
    ("전화번호가 010-****-****로 다 가려져 있어요", None),
    ("별점은 ★★★이고 접수번호는 2024-****-11이에요", None),
    (
        "아이디는 hana95예요 메일은 hana95@daum.net이고요",
        "아이디는 [이메일]예요 메일은 [이메일]이고요",
    ),
    # e-mail addresses given for a reply (2026-12-01): more endings and providers, "에서" after
    # the address, "＠" typed full-width, spaces around the domain's dots; a social handle or a
    # link path that shares a word with the address is not the address said again
    ("답장은 minsu 골뱅이 daum 쩜 net에서 확인할게요", "답장은 [이메일]에서 확인할게요"),
    ("ivan 골뱅이 얀덱스 점 알유예요", "[이메일]예요"),
    ("메일은 sora＠gmail.com이요", "메일은 [이메일]이요"),
    ("tom @ outlook . com 으로요", "[이메일] 으로요"),
    (
        "블로그는 blog.naver.com/minji_cook 이고 메일은 minji 골뱅이 gmail 닷컴이에요",
        "블로그는 blog.naver.com/minji_cook 이고 메일은 [이메일]이에요",
    ),
]


@pytest.mark.parametrize(("text", "redacted"), FOUND_BY_OUTSIDE_SETS)
def test_what_outside_sample_sets_found(text: str, redacted: str | None) -> None:
    """``None``: nothing in the text is personal."""
    assert redact(text).text == (text if redacted is None else redacted)


@pytest.mark.parametrize(
    "text",
    [
        "앞자리 240315 로 시작하는 접수번호요",  # a reference number, named as one
        "접수번호 앞자리 240315요",
        "카드 앞자리 540926 다음이 기억이 안 나요",  # the first six digits of a card
        "일이삼사오육칠",  # seven digits and no mention of 주민번호
        "생년월일 900101 입력하라고 나와요",
        "주민등록등본 발급일이 250305로 찍혀 있어요",
        "주민센터 전화번호 좀 알려주세요",
        "9013011234567",  # month 13, no context
        "외국인등록증 재발급 수수료가 30000원이래요",
        "비밀번호 끝 4자리 1234로 했어요",  # a block of four, but not of a card
        "주문번호 2026O1l5 확인했어요",  # letters among digits that are no number of ours
        # English digit words that are not a run, and "+" before a short number
        "세븐일레븐에서 원 플러스 원 샀어요",
        "투 쓰리 사이즈 있어요?",
        "점수가 +15 올랐어요",
        "포 투 원 게임이요",
        # English numbers that are not ours
        "business registration number 214-86-12345 is on the receipt",
        "my flight is KE 907 at 10:30, room 1207",
        "double check the order 55120934 please",
        # a code of letters and digits read with hyphens
        "쿠폰번호 QX72-5531-8890 넣으라고 왔어요",
        # numbers read off a bill: references named as such, and what follows them in one run
        "환급번호 2025-환-00731 환급금 십이만 삼천 원 언제 들어와요",
        "납세번호 11-440-2-25-07-0012345 맞아요",
        "수용가번호 05-3312-0071 수도요금 환급 언제 돼요",
        "고지서 번호 2025-0101-2233 2025-0202-4455 2025-0303-6677 합계 십이만 원",
        "전자납부번호 일일사사공 일 이공이오공칠 칠육오사삼이일 이요",
    ],
)
def test_rrn_lookalikes_untouched(text: str) -> None:
    assert redact(text).text == text


# --- phone numbers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "covered"),
    [
        ("010-1234-5678로 주세요", "010-1234-5678"),
        ("010 1234 5678", "010 1234 5678"),
        ("010.1234.5678", "010.1234.5678"),
        ("01012345678", "01012345678"),
        ("공일공 일이삼사 오육칠팔이에요", "공일공 일이삼사 오육칠팔"),
        ("010에 1234에 5678", "010에 1234에 5678"),
        ("영일영 다시 일이삼사 다시 오육칠팔", "영일영 다시 일이삼사 다시 오육칠팔"),
        ("공일공 1234 오육칠팔", "공일공 1234 오육칠팔"),
        ("02-123-4567", "02-123-4567"),
        ("공이 칠육오 사삼이일로", "공이 칠육오 사삼이일"),
        ("031-234-5678", "031-234-5678"),
        ("070-1234-5678", "070-1234-5678"),
        ("080-123-4567", "080-123-4567"),
        ("1588-1234", "1588-1234"),
        ("일오칠칠 일이삼사", "일오칠칠 일이삼사"),
        ("017-321-0088", "017-321-0088"),
        ("+82 10-1234-5678", "+82 10-1234-5678"),
        ("공일공에 천이백삼십사에 오천육백칠십팔", "공일공에 천이백삼십사에 오천육백칠십팔"),
        ("0 1 0 5 5 5 5 1 2 3 4", "0 1 0 5 5 5 5 1 2 3 4"),
        ("010-1234-5678번으로 연락 주세요", "010-1234-5678"),
    ],
)
def test_phone_written_spoken_and_mixed(text: str, covered: str) -> None:
    assert only_span(text) == (covered, "phone")


@pytest.mark.parametrize(
    "text",
    [
        "120에 전화했어요",
        "119나 112로 하라고요?",
        "109 상담전화요",
        "010으로 시작하는 번호로 전화가 왔어요",
        "1588 번호로 시작하는 문자가 왔어요",
        "제 번호 끝자리가 5678이에요",
        "전화했던 날이 2025-0305였어요",
        "고객번호 0212345678 입니다",  # a bare run after 고객번호 is a reference number
    ],
)
def test_phone_lookalikes_untouched(text: str) -> None:
    assert redact(text).text == text


# --- cards ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "covered"),
    [
        ("4111 1111 1111 1111", "4111 1111 1111 1111"),
        ("4111-1111-1111-1111로 결제", "4111-1111-1111-1111"),
        ("5105105105105100", "5105105105105100"),
        ("3782 822463 10005", "3782 822463 10005"),  # Amex 4-6-5
        ("사일일일 일일일일 일일일일 일일일일이요", "사일일일 일일일일 일일일일 일일일일"),
        ("카드번호 1234 5678 9012 3456", "1234 5678 9012 3456"),  # fails Luhn, said as a card
        # fails Luhn, but read in the four blocks printed on a card (a misheard digit)
        ("5232 칠칠일구 0843 육이오팔 맞습니다", "5232 칠칠일구 0843 육이오팔"),
        ("6212 8830 1457 2290 316 은련카드요", "6212 8830 1457 2290 316"),  # 19 digits, named
    ],
)
def test_card_numbers(text: str, covered: str) -> None:
    assert only_span(text) == (covered, "card")


@pytest.mark.parametrize(
    "text",
    [
        "1234567890123456",  # fails Luhn, nobody said 카드, not read in a card's blocks
        "주문번호 1234 5678 9012 3456",  # in blocks, but named a reference number
        "주문번호 4111111111111111 로 문의드려요",  # Luhn-valid, but named a reference number
        "카드 뒷자리 1234로 끝나는 카드요",
        "카드 결제일이 매달 25일이에요",
    ],
)
def test_card_lookalikes_untouched(text: str) -> None:
    assert redact(text).text == text


# --- bank accounts --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "covered"),
    [
        ("신한 110-234-567890입니다", "110-234-567890"),
        ("국민은행 123456-78-901234로 입금했어요", "123456-78-901234"),
        ("계좌번호 110 555 123456", "110 555 123456"),
        ("카카오뱅크 3333-01-2345678이요", "3333-01-2345678"),
        ("통장 번호는 일일공 이삼사 오육칠팔구공이에요", "일일공 이삼사 오육칠팔구공"),
        ("110-222-333444 신한이에요", "110-222-333444"),  # the bank is named after the number
    ],
)
def test_account_numbers_in_context(text: str, covered: str) -> None:
    assert only_span(text) == (covered, "account")


@pytest.mark.parametrize(
    "text",
    [
        "110-234-567890",  # the same digits with no word about banks or accounts
        "계좌 이체 수수료가 500원이에요",
        "통장에 30만원 입금됐어요",
        "계좌로 1234567890원 입금했어요",  # an amount, not an account
        "입금 확인번호 1234567890 알려드려요",
        "국민연금 가입자 번호 1234567890",
    ],
)
def test_account_lookalikes_untouched(text: str) -> None:
    assert redact(text).text == text


# --- things that are never personal numbers -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "470번 버스",
        "칠백사십번 버스가 안 와요",
        "N26 심야버스",
        "7016번 버스",
        "12가 3456 차량이 불법주차",
        "123나 4567",
        "서울 12가 3456",
        "12가3456",
        "2025년 3월 5일",
        "이천이십오년 삼월 오일",
        "오후 2시 30분",
        "35,000원",
        "삼만 오천원",
        "1,250,000원",
        "강남구 역삼동 123-45",
        "테헤란로 152",
        "3번 출구",
        "지하 2층",
        "101동 1502호",
        "1990년생",
        "3명이에요",
        "2025.03.05 10:30",
    ],
)
def test_everyday_numbers_untouched(text: str) -> None:
    assert redact(text).text == text


def test_two_short_numbers_listed_with_and_are_not_one_phone() -> None:
    text = "오후 3시에 1588 하고 1577 둘 다 걸어봤어요"
    assert redact(text).text == text
    # ...while "하고" between the halves of a resident number still joins them.
    assert redact("구공공일공일하고 일이삼사오육칠").text == "[주민번호]"


def test_long_digit_runs_stay_fast() -> None:
    text = " ".join(["12"] * 3000) + " " + "1-" * 3000
    started = time.perf_counter()
    redact(text)
    assert time.perf_counter() - started < 20  # cubic behaviour took minutes here


# --- read the way older callers and a phone line say them ------------------------------------


@pytest.mark.parametrize(
    ("text", "covered", "kind"),
    [
        # native numerals, digit by digit, mixed with Sino-Korean ones
        (
            "어머니 번호가 공일공에 여덟 둘 하나 셋에 일곱 일곱 넷 아홉이에요",
            "공일공에 여덟 둘 하나 셋에 일곱 일곱 넷 아홉",
            "phone",
        ),
        ("통장은 하나 둘 셋 넷 다섯 여섯 일곱 여덟 아홉 공 하나 둘 농협이요", None, "account"),
        # digits heard as near words: 육 as 유, 일 after a vowel as 리
        ("연락처 공일공 유사삼팔 이칠칠공이요", "공일공 유사삼팔 이칠칠공", "phone"),
        ("핸드폰 공일공 삼이리오 팔팔사공이에요", "공일공 삼이리오 팔팔사공", "phone"),
        # money sent to a number makes it an account, and so does naming one after a reference
        (
            "관리비를 1002 다시 574 다시 218830 로 보냈거든요",
            "1002 다시 574 다시 218830",
            "account",
        ),
        ("접수번호 말고 환불계좌 110 482 936157 이요", "110 482 936157", "account"),
    ],
)
def test_numbers_as_callers_read_them(text: str, covered: str | None, kind: str) -> None:
    span_text, span_kind = only_span(text)
    assert span_kind == kind
    if covered is not None:
        assert span_text == covered


@pytest.mark.parametrize(
    "text",
    [
        "애가 둘인데 하나는 유치원 다녀요",  # native numerals as numbers of things
        "하나 둘 셋 하면 같이 들어요",  # counting, too short for a number
        "유리창이 깨졌는데 이유를 모르겠어요",  # 유 and 리 in words
        "이리 오세요 여기 줄 서세요",
        "운송장번호 5520 1873 3306 인데 택배가 안 와요",  # the tail looks like an 18xx number
    ],
)
def test_words_and_references_that_only_look_read_out(text: str) -> None:
    assert redact(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 육 heard as 유 at the end of a number, where 유 is also a dialect ending
        ("연락처가 공일공 유팔삼이 사사칠유 맞아요", "연락처가 [전화번호] 맞아요"),
        # the ending, where reading it as a digit makes no number
        ("우리 집이 팔팔이유", "우리 집이 팔팔이유"),
        ("버스 칠칠이유 타면 돼유", "버스 칠칠이유 타면 돼유"),
    ],
)
def test_a_final_yu_is_six_only_when_that_makes_a_number(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the front half read back and the back half asked for right after it, given later
        (
            "상담사: 육오일이이팔 다음 뒷자리 불러 주시겠어요 민원인: 뒷자리는 좀 그런데 꼭 "
            "해야 돼요? 상담사: 네 본인 확인 때문에요 민원인: 이팔팔공일사오요",
            "상담사: [주민번호] 다음 뒷자리 불러 주시겠어요 민원인: 뒷자리는 좀 그런데 꼭 "
            "해야 돼요? 상담사: 네 본인 확인 때문에요 민원인: [주민번호]요",
        ),
        (
            "팔오공삼일이 다음 뒷자리는 일이삼사오육칠이요",
            "[주민번호] 다음 뒷자리는 [주민번호]이요",
        ),
        # "다음" before something else
        ("버스 육오일이이팔 다음 정류장에서 내려요", "버스 육오일이이팔 다음 정류장에서 내려요"),
    ],
)
def test_halves_with_the_back_one_asked_for_next(text: str, expected: str) -> None:
    assert redact(text).text == expected
