"""E-mail addresses, written and spelled out over the phone."""

from __future__ import annotations

import pytest

from callcenter.privacy import redact


@pytest.mark.parametrize(
    ("text", "covered"),
    [
        ("abc@naver.com", "abc@naver.com"),
        ("이메일 주소는 hong.gildong@naver.com입니다", "hong.gildong@naver.com"),
        ("kim_minsu92@gmail.com 으로", "kim_minsu92@gmail.com"),
        ("hyunwoo.lee@seoul.go.kr", "hyunwoo.lee@seoul.go.kr"),
        ("에이비씨 골뱅이 네이버 닷컴이에요", "에이비씨 골뱅이 네이버 닷컴"),
        ("제 메일은 제이 케이 엘 골뱅이 지메일 닷 컴이요", "제이 케이 엘 골뱅이 지메일 닷 컴"),
        ("에이비씨골뱅이네이버닷컴", "에이비씨골뱅이네이버닷컴"),
        ("abc at gmail dot com", "abc at gmail dot com"),
        ("minho dot lee at gmail dot com 으로", "minho dot lee at gmail dot com"),
        ("hong 골뱅이 naver 쩜 com 입니다", "hong 골뱅이 naver 쩜 com"),
        ("메일은 minji1004 골뱅이 네이버요", "minji1004 골뱅이 네이버"),
        ("abc 엣 gmail.com", "abc 엣 gmail.com"),
        (
            "에스 에이치 엘 이 이 일이삼 골뱅이 한메일 닷넷",
            "에스 에이치 엘 이 이 일이삼 골뱅이 한메일 닷넷",
        ),
        # a top-level domain spelled letter by letter, and endings after the domain
        (
            "조카 메일이 엠 에스 골뱅이 서울 점 지 오 점 케이 알이여",
            "엠 에스 골뱅이 서울 점 지 오 점 케이 알",
        ),
        ("메일은 제이 와이 골뱅이 다음 닷 넷이유", "제이 와이 골뱅이 다음 닷 넷"),
        ("손녀 메일이 에스 오 골뱅이 지메일 닷컴이래요", "에스 오 골뱅이 지메일 닷컴"),
        ("주소는 seoul.kim 골뱅이 naver.com이고요", "seoul.kim 골뱅이 naver.com"),
        # letters said one by one, digit groups and English digit names between them
        (
            "메일은 p a r k 언더바 s j 골뱅이 gmail 점 com 이요",
            "p a r k 언더바 s j 골뱅이 gmail 점 com",
        ),
        ("아들 메일 k m 0915 골뱅이 네이버 닷컴이에요", "k m 0915 골뱅이 네이버 닷컴"),
        ("메일 j i n 쓰리 골뱅이 다음 닷넷으로 보내요", "j i n 쓰리 골뱅이 다음 닷넷"),
        # a surname said last before the marker, as itself or as its romanized spelling sounds
        ("담당자 메일이 제이 김 앳 서울 점 고 점 케이알이에요", "제이 김 앳 서울 점 고 점 케이알"),
        ("엠 쩜 킴 골뱅이 네이버 쩜 컴으로 주세요", "엠 쩜 킴 골뱅이 네이버 쩜 컴"),
        # a hyphen said inside the domain, and a two-letter local part that is an English word
        ("회신은 info 골뱅이 green 하이픈 city 쩜 kr로요", "info 골뱅이 green 하이픈 city 쩜 kr"),
        ("제 메일 us 골뱅이 hanriver 쩜 co 쩜 kr 이에요", "us 골뱅이 hanriver 쩜 co 쩜 kr"),
        # after a whole domain, speech about it is not part of it
        ("에이 비 골뱅이 다음 점 넷 점이 하나 더 있어요", "에이 비 골뱅이 다음 점 넷"),
    ],
)
def test_email_written_and_spelled(text: str, covered: str) -> None:
    result = redact(text)
    assert [(text[s.start : s.end], s.type) for s in result.spans] == [(covered, "email")]


@pytest.mark.parametrize(
    "text",
    [
        "을지로 골뱅이 골목 노점 단속 민원이요",  # 골뱅이 the dish
        "메일로 보내 주세요",
        "네이버 지도에서 찾았어요",
        "meet at the station",
        "이메일 주소를 잊어버렸어요",
    ],
)
def test_email_lookalikes_untouched(text: str) -> None:
    assert redact(text).text == text


@pytest.mark.parametrize(
    "before",
    ["", "네 " * 400, "가" * 300 + " ", "네 " + "가나다라마바사아자차카타파하" * 30 + " 그러니까 "],
)
def test_an_address_without_a_mail_cue_is_masked_whatever_came_before(before: str) -> None:
    """With no mail cue the words before the marker are read back from it, not from the start
    of the call: what came before, short or long, in short words or one long one, changes
    nothing."""
    text = f"{before}회신은 오울 나이트 앳 지메일 닷컴으로 주세요"
    assert redact(text).text == f"{before}회신은 [이메일]으로 주세요"


def test_the_last_words_are_those_of_the_whole_stretch() -> None:
    """``_last_words`` reads a window that widens back from the end; it must give exactly the
    words a scan of the whole stretch gives, a window's first word cut in two included."""
    import random

    from callcenter.privacy.emails import _WORD, _last_words

    rng = random.Random(7)
    alphabet = "가나 다라마 ab  c\t일이삼 "
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 400)))
        since = rng.randrange(0, len(text) + 1)
        end = rng.randrange(since, len(text) + 1)
        count = rng.randrange(1, 10)
        naive = list(_WORD.finditer(text, since, end))[-count:]
        got = _last_words(text, since, end, count)
        assert [(m.start(), m.end()) for m in got] == [(m.start(), m.end()) for m in naive]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("메일 지은0811@네이버.com이요.", "메일 [이메일]이요."),
        ("메일 주소가 서연1004@gmail.com 이에요", "메일 주소가 [이메일] 이에요"),
        ("이메일은 민수92 골뱅이 네이버 닷컴이에요", "이메일은 [이메일]이에요"),
        # a longer word glued to the digits is not a name: only the handle goes
        ("아이디가 김민수의아들1004@naver.com", "아이디가 김민수의아들[이메일]"),
        # letters after a particle typed without a space: the particle stays
        ("메일은abc@naver.com", "메일은[이메일]"),
    ],
)
def test_a_name_glued_to_a_handles_digits_is_part_of_the_address(text: str, expected: str) -> None:
    """A recognizer writes a handle said as a name and a number ("jieun0811") in Hangul and
    digits, glued: the name is as much the address as the digits."""
    assert redact(text).text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a domain said whole, a dot and its ending: no mail cue is needed before the local part
        (
            "쿠폰번호 입력하라고 하고 문의는 이벤트 골뱅이 엘몰 점 컴으로 하래요",
            "쿠폰번호 입력하라고 하고 문의는 [이메일]으로 하래요",
        ),
        # the marker and the provider split by the recognizer
        ("제 메일 hwang 골뱅 이 네이 버 닷 컴으로 보내 주세요", "제 메일 [이메일]으로 보내 주세요"),
    ],
)
def test_addresses_with_no_cue_or_split_by_the_recognizer(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text",
    ["골뱅이 소면 가게 점 컴", "골뱅 이거 맛있어요 점 찍고", "골뱅이 무침 점심에 먹었어요"],
)
def test_the_dish_stays_a_dish(text: str) -> None:
    assert redact(text).text == text


def test_spaces_around_the_dots_of_a_written_local_part() -> None:
    """As a recognizer spaces a dictated address, around the local part's dots as the domain's."""
    assert redact("yj . park @ gmail . com 띄어쓰기는 빼고요").text == "[이메일] 띄어쓰기는 빼고요"
    assert (
        redact("홈페이지는 www . naver . com 이에요").text == "홈페이지는 www . naver . com 이에요"
    )
