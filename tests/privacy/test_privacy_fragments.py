"""Numbers said in pieces across a call (``callcenter.privacy.fragments``), and the ways a
recognizer writes a number that the sample sets first met in the dialogue set: an area code in
brackets, thousands separators, a digit said once with how often it repeats.

Each case is written here in our own words, with numbers of our own, after the kinds the
outside dialogue set (tests/data/pii_samples_dialogue.tsv) showed.
"""

from __future__ import annotations

import pytest

from callcenter.privacy import redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # dictated across the agent's acknowledgements
        (
            "연락처요 공일공이요 네 삼칠팔일 네네 공이오육이요",
            "연락처요 [전화번호]이요 네 [전화번호] 네네 [전화번호]이요",
        ),
        (
            "카드번호가 사오일이 네 칠칠삼공 네 일일팔사 네 끝이 구공공육이에요",
            "카드번호가 [카드번호] 네 [카드번호] 네 [카드번호] 네 끝이 [카드번호]이에요",
        ),
        (
            "신한은행이고요 일일공 사이칠 네 팔팔삼이공일요",
            "신한은행이고요 [계좌번호] 네 [계좌번호]요",
        ),
        (
            "앞자리 770921 네 뒷자리 1384 네 552요",
            "앞자리 [주민번호] 네 뒷자리 [주민번호] 네 [주민번호]요",
        ),
        # read back by the agent, in part ("그리고" between two masks, as every outside writer
        # who met it split it)
        (
            "번호가 010-5821-3307이요. 네 5821 그리고 3307 맞으시죠? 네 3307이요",
            "번호가 [전화번호]이요. 네 [전화번호] 그리고 [전화번호] 맞으시죠? 네 [전화번호]이요",
        ),
        # one group corrected, with a word or as a near copy said right after
        (
            "공일공 육육이팔 사사칠구요 아 사사칠구 말고 사사칠팔이요",
            "[전화번호]요 아 [전화번호] 말고 [전화번호]이요",
        ),
        (
            "010-2468-1357 맞으시죠? 1357 아니고 1375요",
            "[전화번호] 맞으시죠? [전화번호] 아니고 [전화번호]요",
        ),
        # a group corrected while the number is still being dictated: the correction takes
        # the corrected group's place in the number, which is then whole
        (
            "아들 번호는 공일공 이팔사 그다음은요? 잠깐만요 수첩 좀 보고요 아 이팔사 말고 "
            "이팔사삼이고 끝은 칠칠공일이에요",
            "아들 번호는 [전화번호] 그다음은요? 잠깐만요 수첩 좀 보고요 아 [전화번호] 말고 "
            "[전화번호]이고 끝은 [전화번호]이에요",
        ),
        (
            "번호가 공일공에 칠삼 아니 칠사구육이고 네 그다음 오오일팔이요",
            "번호가 [전화번호] 아니 [전화번호]이고 네 그다음 [전화번호]이요",
        ),
        # the groups said again when the agent asks, then the rest after "그리고"
        (
            "연락처 공일공 사사 구구 네? 사사 구구요 그리고 일일 칠칠",
            "연락처 [전화번호] 네? [전화번호]요 그리고 [전화번호]",
        ),
        # "그리고" ends a part of the number as it ends a block of a card
        (
            "카드는 오삼칠일 네 오오일팔 그다음 구구공삼 그리고 사사일칠이요",
            "카드는 [카드번호] 네 [카드번호] 그다음 [카드번호] 그리고 [카드번호]이요",
        ),
        # a group broken off and said again whole, in one breath or across a question
        (
            "번호 불러 드릴게요 공일공 구오 아 구오칠일 네 삼삼공팔이요",
            "번호 불러 드릴게요 [전화번호] 네 [전화번호]이요",
        ),
        (
            "아빠 번호는 공일공 칠사 아빠 뒤에 뭐였지? 아 칠사이팔 오오일구래요",
            "아빠 번호는 [전화번호] 아빠 뒤에 뭐였지? 아 [전화번호]래요",
        ),
        # a number begun, given up and said again from the start, with one digit wrong before
        (
            "카드 번호 사일이공 팔팔사 아 잠깐만요 사일이공 팔팔삼칠 이이공구 일사일사요",
            "카드 번호 [카드번호] 아 잠깐만요 [카드번호]요",
        ),
        (
            "농협 삼오이 공일이삼 아 아니다 다시 할게요 삼오이 공일이사 오육칠팔구일이요",
            "농협 [계좌번호] 아 아니다 다시 할게요 [계좌번호]이요",
        ),
        # a resident number's back half after its front, "뒤에는" broken by a filler
        (
            "앞에는 팔이공삼일오고요 뒤에는 이공사 음 뭐였더라 칠일팔일이요",
            "앞에는 [주민번호]고요 뒤에는 [주민번호] 음 뭐였더라 [주민번호]이요",
        ),
        # "뒷번호" first, then a front that begins a mobile number: a phone, not a resident number
        (
            "뒷번호 먼저 할게요 칠칠삼일이고 앞에는 공일공 이팔오공이요",
            "뒷번호 먼저 할게요 [전화번호]이고 앞에는 [전화번호]이요",
        ),
        # digits run into the word before them by the recognizer
        ("연락처는공일공사칠팔팔이공일삼이요", "연락처는[전화번호]이요"),
        ("제 번호가공일공 삼삼칠일 팔공이육이에요", "제 번호가[전화번호]이에요"),
        # a corrected group whose trailing "이" is its last digit, though its first three
        # digits occur in the number
        (
            "집 02-731-4458이에요, 아 사사오팔 말고 사사오이네요",
            "집 [전화번호]이에요, 아 [전화번호] 말고 [전화번호]네요",
        ),
        # a mobile number begun, abandoned and said again whole
        (
            "공일공 팔팔… 아니다 다시 할게요 공일공 팔칠육오 사삼이일",
            "[전화번호]… 아니다 다시 할게요 [전화번호]",
        ),
        # part of an address said again, and corrected
        (
            "메일은 minsu.park@daum.net 인데요 minsu 말고 minsoo예요",
            "메일은 [이메일] 인데요 [이메일] 말고 [이메일]예요",
        ),
        (
            "메일이 jh0727@naver.com 인데 0727 아니라 0722요",
            "메일이 [이메일] 인데 [이메일] 아니라 [이메일]요",
        ),
        # a name said as Korean syllables, in pieces, after "이메일"
        (
            "이메일은 응우옌 점 반 골뱅이 지메일 닷컴이에요",
            "이메일은 [이메일]이에요",
        ),
        # after "메일", words of speech before a written address are not its name
        ("메일 보내 주세요 kim@naver.com 으로요", "메일 보내 주세요 [이메일] 으로요"),
        ("메일은 제 이름 김 점 민수 골뱅이 네이버 닷컴", "메일은 제 이름 [이메일]"),
        # letters and a Hangul syllable in one word, and an ending after the domain
        ("이메일 제이케이이공 골뱅이 다음 닷 넷이거든요", "이메일 [이메일]이거든요"),
        ("이메일 엠제이최팔팔 골뱅이 네이버 닷컴이요", "이메일 [이메일]이요"),
        # a surname said as itself among spelled letters, with no mail cue before
        ("결과를 에스 제이 김 칠칠 골뱅이 다음 닷 넷으로 주세요", "결과를 [이메일]으로 주세요"),
        # the local part spelled letter by letter after the address was said
        (
            "아이디가 kimsu88 골뱅이 다음 닷넷이에요. 철자는 케이 아이 엠 에스 유고요.",
            "아이디가 [이메일]이에요. 철자는 [이메일]고요.",
        ),
        (
            "메일 y.park@gmail.com 이고 성은 p a r k예요",
            "메일 [이메일] 이고 성은 [이메일]예요",
        ),
        # a group corrected with a trailing "이" that is its last digit, as long as the group
        (
            "사무실 02-555-1231이요 아 일이삼일 말고 일이삼이예요",
            "사무실 [전화번호]이요 아 [전화번호] 말고 [전화번호]예요",
        ),
        # a resident number's back half asked for by name, said after a hesitation
        (
            "주민번호 뒷자리도 불러 주시겠어요? 아 잠깐만요 지갑 좀 볼게요. 이공삼사오육칠이요",
            "주민번호 뒷자리도 불러 주시겠어요? 아 잠깐만요 지갑 좀 볼게요. [주민번호]이요",
        ),
        # a mobile prefix said alone before the rest, which is masked by itself
        ("휴대폰 공일공 어 잠깐만요 8814-2207이요", "휴대폰 [전화번호] 어 잠깐만요 [전화번호]이요"),
        # a safe-number prefix alone before the whole number is not a piece of it
        (
            "0504로 시작하는데 정확히는 0504-772-1930이에요",
            "0504로 시작하는데 정확히는 [전화번호]이에요",
        ),
        # a name in spelled letters after "이메일 주소가 있는데"
        (
            "문자에 이메일 주소가 있는데 디 엠 점 서포트 앳 지메일 닷컴이요",
            "문자에 이메일 주소가 있는데 [이메일]이요",
        ),
        # an address said in English, and the English around it left alone
        ("my email is k dot lee at gmail dot com", "my email is [이메일]"),
        (
            "please email the answer to sam.b at outlook dot com",
            "please email the answer to [이메일]",
        ),
        # the end of a phone number said before its start
        (
            "끝 네 자리는 오오육칠이고 앞은 공일공 삼삼일사요",
            "끝 네 자리는 [전화번호]이고 앞은 [전화번호]요",
        ),
    ],
)
def test_pieces_of_a_number_are_masked(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        # short numbers of their own that happen to occur in the number said
        "120 맞죠? 제 번호는 010-3120-4455예요",
        "버스 740번 타고 가요 연락은 공일공 칠사공일 이삼사오로 주세요",
        "차가 34나 4455인데 차주 번호가 010-3120-4455래요",
        "070 번호로 전화 왔는데 070-4120-9988이었어요",
        "가로등 관리번호 23-0188 이고 회신은 02-2290-6614로 주세요",
        # a resident number's name is used up by the number it named
        "외국인 등록번호 880512-5123456이고요, 1330에 물어보니 120으로 하래요",
        # groups of another kind of number, named as such, that share digits with a phone
        "접수번호 3021 5567 8890이고 연락처는 010-3021-5567이요",
    ],
)
def test_numbers_that_only_share_digits_stay(text: str) -> None:
    kept = redact(text)
    shared = [text[s.start : s.end] for s in kept.spans]
    assert len(kept.spans) == 1, shared


@pytest.mark.parametrize(
    "text",
    [
        # pieces with no number to anchor them
        "세 시에 이층 네 번째 칸에서 기다리래요 네 네 이십 분",
        "버스 칠삼 네 칠삼번이요 네 그거 타면 돼요",
        "번호표 이삼사 받았고요 네 창구 칠 번이요",
        "접수번호 일이삼사 네 오육칠팔 네 구공이요",
        # digit syllables inside ordinary words, and a short number begun again
        "이사오일 날짜에 맞춰서 이사하려는데 오일장은 언제 열려요",
        "버스 칠 아 칠이공번 타면 되고 삼일 아니 삼십일일에 가요",
        "번호표 이삼 아 잠깐만 이삼사번이요",
        # two business numbers listed, and two buses
        "대표번호 1577 그리고 1588 둘 다 안 받아요",
        "버스 칠이공 그리고 칠이일 타면 돼요",
        "버스 칠 네 번 갈아탔어요 공일공 일 네 번 더 말씀드려요?",
        # corrections of short numbers with no number to anchor them
        "버스 육오 아니 육사오일번 타고 가요 네 칠칠번 말고요",
        "층수가 삼 아니 사층이고요 호수는 사공일 아니고 사공이요",
        # two guesses at a business number, and a prefix named before the whole number
        "1588 인지 1577 인지 기억이 안 나요",
        # letters said one by one with no address in the call
        "에이 비 씨 순서대로 줄 서 주세요",
        # the back half named, but a number of another kind said
        "주민번호 뒷자리는 안 불러 주셔도 돼요. 접수번호 1234567로 조회할게요",
        # a back and a front of something else
        "뒷번호 1234 앞번호 5678 버스 타요",
    ],
)
def test_short_numbers_in_a_conversation_stay(text: str) -> None:
    assert redact(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("사무실은 (02) 734-5521입니다", "사무실은 [전화번호]입니다"),
        ("계좌번호 3,561,024,887,123으로 보내주세요", "계좌번호 [계좌번호]으로 보내주세요"),
        ("주민번호 뒷자리는 2,384,117이요", "주민번호 뒷자리는 [주민번호]이요"),
        ("공일공 팔 두 번 삼사 칠칠구일이요", "[전화번호]이요"),
        ("공일공에 따블 오 이삼 구칠사일이요", "[전화번호]이요"),
        ("공일공 육 세 개 이 삼삼일사요", "[전화번호]요"),
        ("공일공 칠 네 개 팔 네 개요", "[전화번호]요"),
        # an exchange with 국 run into it, and a card whose last block ends in 이 (2)
        ("가게 번호는 공이 삼삼팔국에 칠칠일공이에요", "가게 번호는 [전화번호]이에요"),
        ("카드 번호가 오이일이 삼삼공공 칠칠팔팔 구공공이요", "카드 번호가 [카드번호]요"),
        # a foreign resident's number asked for as "등록번호"
        (
            "외국인이세요? 등록번호 앞자리 구육공사일이요 뒤는 육일이삼사오칠",
            "외국인이세요? 등록번호 앞자리 [주민번호]요 뒤는 [주민번호]",
        ),
    ],
)
def test_how_a_recognizer_writes_numbers(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        # thousands separators are an amount unless the kind of number is named
        "환급금이 1,234,567,890 이라고 나와요",
        "보증금 12,000,000 에 월세는 얼마예요",
        # "두 번" after a lone digit is a count
        "일 두 번 했어요",
        "이층에서 삼 세 번 불렀어요",
        # another thing's registration number
        "외국인 차량 등록번호 1234567이요",
    ],
)
def test_amounts_and_counts_stay(text: str) -> None:
    assert redact(text).text == text
