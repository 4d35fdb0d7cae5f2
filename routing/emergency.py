"""Rule-based Korean emergency-cue detector, and a detector for "let me talk to a person".

Why rules next to a classifier: the intent classifier is calibrated on the average call, but an
emergency is rare, can be mentioned in passing ("버스 물어보려 했는데 지금 옆에 사람이
쓰러졌어요") and must never wait. Explicit, reviewable cue lists catch the phrasings we know,
and every miss or false alarm found in review becomes one more line here.

Approach
--------
1. Normalize: NFC, then drop every whitespace character. Speech recognizers split and merge
   Korean words unpredictably ("숨을안쉬어요", "쓰 러졌어요"), so cues are written without
   spaces and matched on the compact text; the reported ``matched_text`` is mapped back to the
   original words.
2. Cues are *predicates*, not nouns: "불이 났", "숨을 안 쉬", "문을 부수", "죽고 싶", never
   "화재", "가스", "폭행" alone. That already keeps "화재경보기 설치 지원", "가스요금",
   "소화전 앞 불법주차" and "폭행 사건 재판 결과" out, and "불법" never looks like "불이 났".
   Idioms are excluded by construction ("배고파 죽겠다" has no "죽고 싶"; "화가 폭발" and
   "열불" are guarded).
3. For situational cues (fire, medical, crime: lines 119 and 112) a match is dropped when it
   is clearly not happening now:
   - strong guards: past perfect or retrospective right at the cue ("났었는데", "났던",
     "난 적이"), negation ("불이 난 건 아니고"), hypotheticals ("불이 나면", "화재 발생 시",
     "만약"), fiction or news ("드라마에서"), or a resolution after it ("다 꺼졌어요",
     "입원했어요");
   - weak guards: a past time word earlier in the same clause ("지난주에", "작년에") or an
     aftermath/administrative word later in the sentence ("지원", "감면", "보상", "재판",
     "절차"). Weak guards yield to an immediacy marker ("지금", "방금", "살려주세요",
     "와주세요", "-고 있") so that an ongoing danger after an administrative opening still
     fires.
   Clauses are split at punctuation and at connective endings (-는데, -지만), which is how
   callers chain "what I called about" and "what is happening".
4. Suicide and self-harm cues (line 109) are *not* situational: past ideation, hypotheticals
   ("약을 한꺼번에 다 먹으면", "제가 없어지면") and indirect wording are all risk signals, and
   a transfer to 109 costs little when wrong. Only fiction/news and a few rule-specific
   guards ("이 서류 다 끝내고 싶어요", "이 동네 살기 싫어요", "유서 깊은") apply.
5. When several cues fire, the line is chosen by 119 > 112 > 109 (immediate physical danger
   first; 109 counsellors reach the caller through the other lines anyway), then by position.

Limits
------
Rules only see surface forms: a new paraphrase, a dialect form, or a recognizer error inside
the cue word itself ("쓰라졌어요") is missed, which is why the policy also escalates on the
classifier's emergency probability. Spelling by sound is such an error, and the one with a
second look: the caller's words as the classifier reads them (``heard``: each word unknown to
its corpus that sounds like one of its words respelt to it, "수믈" -> "숨을", "무늘" -> "문을")
are searched too when the transcript has no cue. Measured 2026-11-30 on the emergency lines of
dev and both probes (50) with every sound change written out (``sound_spelled`` at rate 1):
the rules caught 26 as written, 12 so spelt, 21 with the second look; on their 1455 other
lines, no false alarm either way. On the 12 emergency lines of the hand-respelt probe
(models/data/intents_probe_misspelt.tsv) they caught 8 spelt correctly, 6 respelt, 7 with the
second look; the classifier caught all 12 both ways. Time reasoning is shallow: "어제부터
의식이 없어요" fires (부터 marks an ongoing state) but unusual tense constructions may not be
read correctly.
Recognizer-dropped punctuation merges clauses, which can let a weak guard from one sentence
reach another. Context-only emergencies ("딸이 하교 시간이 한참 지났는데 집에 안 와요") have
no predicate to match. Hyperbole with a real predicate ("과태료 때문에 죽고 싶을 정도예요")
goes to 109 on purpose. Measured on sentences written after the rules and not used to write
them, the first version caught 12 of 20 ongoing emergencies and stayed quiet on 19 of 20
look-alikes; the misses were then added, so expect similar recall on new wording. The cue lists
are for a Seoul 120 call: they are not a general danger detector.
On the urgent probe (2026-12-01, docs/probes.md), the rules as they stood caught a gas
leak only through the second look ("가스 냄세"), missed a crane leaning further over a road,
and fired on a collapse told to ask for the hospital bills ("갑자기" had counted as "now"), on
a drain smell one "can't breathe" for and on a burning smell already dealt with; a structure
giving way over people or traffic now fires, and "갑자기" no longer overrides the aftermath.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Literal

EmergencyLine = Literal["119", "112", "109"]

_LINE_PRIORITY: dict[str, int] = {"119": 0, "112": 1, "109": 2}


@dataclass(frozen=True, slots=True)
class EmergencyCue:
    line: EmergencyLine  # the number to transfer to
    category: str  # e.g. "fire", "medical", "violence", "suicide"
    matched_text: str  # the words in the transcript that triggered it


@dataclass(frozen=True, slots=True)
class _Rule:
    line: EmergencyLine
    category: str
    pattern: re.Pattern[str]
    situational: bool  # past/aftermath/hypothetical guards apply (not for suicide risk)
    unless_before: re.Pattern[str] | None  # searched on the clause text before the match
    unless_after: re.Pattern[str] | None  # matched at the text right after the match
    requires: re.Pattern[str] | None  # must also occur in the same sentence


def _rule(
    line: EmergencyLine,
    category: str,
    pattern: str,
    *,
    situational: bool = True,
    unless_before: str | None = None,
    unless_after: str | None = None,
    requires: str | None = None,
) -> _Rule:
    def compile_or_none(p: str | None) -> re.Pattern[str] | None:
        return re.compile(p, re.IGNORECASE) if p else None

    return _Rule(
        line=line,
        category=category,
        pattern=re.compile(pattern, re.IGNORECASE),
        situational=situational,
        unless_before=compile_or_none(unless_before),
        unless_after=compile_or_none(unless_after),
        requires=compile_or_none(requires),
    )


# Objects, not people, that "fall over" (쓰러지다): a roads matter, not a patient.
_FALLEN_OBJECT = (
    r"(?:나무|가로수|간판|전봇대|전신주|신호등|표지판|담장|담|벽|펜스|울타리|자전거|따릉이|"
    r"오토바이|화분|현수막|기둥|가림막|입간판|트리|비석)(?:이|가|도|들이)?$"
)
_PEOPLE_IN_DANGER = (
    r"사람|깔렸|깔려|갇혔|갇혀|다쳤|다친|아이|애기|아기|할머니|할아버지|어르신|"
    r"못나가|못나와|못빠져나|빠져나오지못|빠져나가지못|나갈수가없|나올수가없|고립|구조|살려|구해|"
    r"차들이|차가(?:잠기|갇)"
)
# What "ending it all" ends: "다 끝내고 싶어요", "이제 그만 끝낼까", "인생을 끝내려고"
_IT_ALL = r"(?:다|모든걸|모든것을|모든것|전부|인생을|삶을|이제그만|그만)"
# Whoever fell: onto the railway tracks, or into the ground that gave way.
_SOMEONE = (
    r"사람|누가|누군가|애|아이|아기|애기|승객|할머니|할아버지|어르신|취객|아저씨|아줌마|"
    r"여자|남자|학생|어린이|노인"
)
# People or traffic where something could fall on them.
_PEOPLE_NEARBY = (
    r"밑에사람|밑으로|사람들|행인|지나가|지나다니|다니는|다녀|차들|애들|학생들|"
    # a pavement or a crossing under it ("바로 밑이 인도라")
    r"밑이인도|아래가인도|인도(?:위|쪽)|횡단보도"
)
# People in danger or in the way: what a structure giving way or an open manhole needs.
_PEOPLE_AT_RISK = _PEOPLE_IN_DANGER + "|" + _PEOPLE_NEARBY
# Vehicles, as callers name them on the road.
_VEHICLE = (
    r"차|트럭|버스|택시|승용차|자동차|화물차|오토바이|킥보드|자전거|따릉이|봉고|승합차|덤프|"
    r"레미콘|탱크로리|배달오토바이|스쿠터"
)
# Whoever a vehicle hit or whoever stands in its way: people, and what carries them.
_ROAD_USER = _SOMEONE + r"|분|보행자|행인|배달기사|라이더|유모차|휠체어|자전거|장애인|꼬마"

# --------------------------------------------------------------------------- cue lists

_RULES: tuple[_Rule, ...] = (
    # Longer alternatives come first where a shorter one is their prefix: the match must end
    # where the guards expect the verb ending to start ("폭행을당" + "하면").
    # ---- 119: fire, gas, explosion
    _rule(
        "119",
        "fire",
        r"(?<![열천홧])불(?:이|이요|이야)?(?:났|나서|나고|나요|나는데|나는중|난다|난거|난것|난집|"
        r"난곳|나는거같|나는것같|붙었|붙어|붙고|번지|번져|타고있|활활|난)|"
        r"화재(?:가|가요)?(?:났|나서|나고|발생)|불길(?!하|한)|"
        r"(?:집|건물|가게|아파트|공장|옆집|윗집|아랫집|지붕)(?:이|가|에서)(?:불타|타고있)|"
        r"타는냄새",
        # a smell that comes back every evening is a nuisance ("요 며칠 저녁마다 공장 같은 데서
        # 타는 냄새", calls dev)
        unless_before=r"(?:담배|흡연|마다|매일|맨날|매번)",
        # a simile ("재산세 고지서가 불 난 거 마냥 나왔어", urgent probe 12)
        unless_after=r"^(?:거|것|게)?(?:마냥|처럼|같이|듯|모양)",
    ),
    _rule(
        "119",
        "fire",
        # "연기가 막 나요": a word of degree between (urgent probe 13, a power bank on a train)
        r"연기가?(?:막|계속|자꾸|엄청|많이|너무|확|마구)?"
        r"(?:가득|차고|차요|차올|꽉|자욱|새어나|나고있|나요|나고|나는데|들어와|올라와|올라오고|올라오는)",
        unless_before=r"(?:담배|흡연|공장|굴뚝|매연|고기|식당|음식점|가게|배기가스)",
    ),
    _rule(
        "119",
        "gas",
        # 까스 as older callers say it, 가수 as a recognizer hears it ("가수 냄새가 진동을 해요")
        r"(?:가스|까스|가수)(?:가)?(?:새요|새고|새는|새어|새서|샌다|새네|누출)|(?:가스|까스|가수)냄새|"
        r"(?:가스|연탄|일산화탄소)중독",
    ),
    _rule(
        "119",
        "explosion",
        r"폭발(?:했|해서|하고|해요|이일어|음|소리|사고가|이났|이)",
        unless_before=r"(?:화가|화|분노|감정|짜증|인기|스트레스|참을성|인내심|웃음)$",
    ),
    # ---- 119: medical
    _rule(
        "119",
        "medical",
        r"쓰러(?:졌|져|지셨|지셔|진채|진사람)",
        unless_before=_FALLEN_OBJECT,
    ),
    # someone who fell and cannot get up ("오토바이 타던 배달기사님이 넘어져서 못 일어나요"):
    # an injury now, whatever the call began with
    _rule(
        "119",
        "medical",
        r"(?:넘어|미끄러|굴러|떨어)(?:져|지셔|지셨|졌)(?:는데|서|가지고|갖고)?[가-힣]{0,6}?"
        r"(?:못일어나|못일어서|일어나지(?:를|도)?못|일어나질못|일어서지(?:를|도)?못)",
        unless_before=_FALLEN_OBJECT,
    ),
    _rule(
        "119",
        "medical",
        r"의식(?:이|을)?(?:없|잃|안돌아|불명|이안)|정신을?(?:잃|못차리)|"
        r"기절(?:했|해서|해있|한것같|하셨)",
        unless_before=r"(?:시민|주인|안전|위기|공공|문제|환경|역사|준법|질서|공동체)$",
    ),
    _rule(
        "119",
        "medical",
        r"숨(?:을|이)?(?:안쉬|않쉬|못쉬|쉬지않|쉬지못|쉬질않|쉬질못|안쉼|멎|멈췄|멈춰|안셔)|"
        # breathing that has grown faint ("숨은 약하게 쉬세요", urgent probe 15)
        r"숨(?:을|이|은|만)?(?:약하게|희미하게|가늘게|겨우)쉬|"
        r"호흡(?:이|을)?(?:없|안하|안쉬|멈|곤란)",
        # a bad smell, mould or dust one "can't breathe" for is a nuisance; gas and burning have
        # their own cues ("곰팡이 때문에 숨을 못쉬겠어요 행복주택 신청 언제해요", urgent probe 14)
        unless_before=r"(?<!가스)(?<!타는)냄새|곰팡이|곰팽이|미세먼지|먼지|매연|담배연기",
    ),
    # A stroke's signs, also when the caller only asks for opening hours (urgent probe 10): one
    # side of the face drooping with speech, an arm or weakness (a face that sags with age alone
    # is a cosmetic matter)
    _rule(
        "119",
        "medical",
        r"(?:얼굴|입|입꼬리)(?:이|가)?(?:한쪽(?:이|만|으로)?)?(?:처지|처졌|처져|처진|비뚤어|돌아가|돌아갔|마비)",
        requires=r"말이|말을|발음|팔이|팔을|다리|힘이|힘을|저려|저리|마비|어지|갑자기",
    ),
    # Skin coming off a scald or a burn
    _rule(
        "119",
        "medical",
        r"(?:껍질|피부|살갗|살)(?:이|가)?(?:다|홀랑|막|확)?벗겨(?:졌|지고|져|지는)",
        requires=r"끓|뜨거|화상|냄비|주전자|기름|국물|라면|커피|불에|데어|데었|데인",
    ),
    # Someone who does not respond when shaken, called or knocked for ("욕조에서 안 나와요 문
    # 두드려도 대답 없고")
    _rule(
        "119",
        "medical",
        r"(?:흔들어도|깨워도|불러도|두드려도|꼬집어도)(?:대답|반응|기척|인기척|아무소리)?(?:이|도)?"
        r"(?:없|안해|안하|안일어|못일어|안나와)",
    ),
    _rule(
        "119",
        "medical",
        r"심장(?:이)?(?:멈|안뛰)|심정지|심장마비|맥박(?:이)?(?:없|안잡|안뛰)|"
        r"심폐소생술?(?:을해야|을하|하고|중|해야|하는중|해주)",
    ),
    _rule(
        "119",
        "medical",
        r"(?<!코)피(?:가|를)?(?:너무|엄청|계속|철철|펑펑|많이|마니)+(?:흘|나|쏟)|"
        r"피(?:가|를)?(?:안멈|멈추지|멈추질|쏟)|출혈(?:이)?(?:심|많)|과다출혈|피투성이|피범벅|"
        # a head that bleeds after a fall or a crash ("머리에서 피흘리고 정신이 없어요", urgent
        # probe 14): a head injury whatever the amount
        r"머리(?:에서|가|에)?피(?:가|를)?(?:흘리|흘려|흘러|나요|나고|나는데|나서|가나)",
    ),
    _rule(
        "119",
        "medical",
        r"경련(?:을해|을|이|해|하고|하|중)|발작(?:을|이|해|하고|했|중)|거품을?물|"
        r"기도가?막|목에.{0,6}걸려(?:서)?(?:숨|캑)|"
        # someone already trying the Heimlich manoeuvre (urgent probe 11)
        r"하임리히(?:를|법을?)?(?:하고|해도|했는데|하는데|하고있)",
    ),
    # The ground giving way under someone (urgent probe 8: "인도 블럭이 갑자기 꺼져서 지나가던
    # 학생이 허리까지 빠졌어요"); a car's wheel in a sunken road is a roads or towing matter
    # (the match starts at the person, so "지나가던 학생" is not read as a closed event)
    _rule(
        "119",
        "rescue",
        rf"(?:{_SOMEONE})(?:이|가|분이|분)?[가-힣]{{0,8}}?"
        r"(?:빠졌|빠져|떨어졌|떨어져|묻혔|파묻)",
        # the ground, not a light that went out ("불이 꺼져서 애가 침대에서 떨어졌어요")
        requires=(
            r"(?:땅|바닥|도로|길|인도|블럭|블록|보도|지반|아스팔트|싱크홀)(?:이|가)?"
            r"(?:갑자기|푹|쑥|움푹)?(?:꺼지면서|꺼져서|꺼졌는데|꺼져가지고|내려앉)"
        ),
    ),
    # Someone down on the railway tracks (urgent probe 12: "선로에 사람이 떨어졌어요 열차
    # 들어온대요", transport.subway at 1.0); a phone dropped there is a lost item
    _rule(
        "119",
        "rescue",
        rf"(?:{_SOMEONE})(?:이|가|분이|분)?선로(?:에|로|위에|위로|아래로|밑으로)"
        r"(?:떨어졌|떨어져|떨어지|빠졌|빠져|내려갔|내려가있|굴러|쓰러져|누워)|"
        rf"선로(?:에|로|위에|위로|아래로|밑으로)(?:{_SOMEONE})(?:이|가|분이|분)?"
        r"(?:떨어졌|떨어져|떨어지|빠졌|빠져|내려갔|내려가있|굴러|쓰러져|누워|있어)",
    ),
    # Workers calling about someone in their care or their vehicle (urgent probe 11): a birth on
    # the way, a newborn found in a bag or a box
    _rule(
        "119",
        "medical",
        r"양수(?:가)?(?:터졌|터져|새|흐르)|(?:애|아기|아이)(?:가)?(?:나올것같|나올거같|나오려|나오고있)|"
        # bleeding in pregnancy, however lightly told ("임신 팔 개월인데 배가 많이 아프다고
        # 하면서 피가 좀 비친대요", urgent probe 13 as another processor's build reads it)
        r"피(?:가|도)?(?:좀|조금|약간|살짝|많이)?(?:비친|비쳐|비쳤|나와|나온|나요|났)|하혈",
        requires=r"임산부|임신|출산|진통|양수|만삭|산모",
    ),
    _rule(
        "119",
        "medical",
        r"(?:봉투|박스|상자|쓰레기통|변기)[가-힣]{0,10}?(?:아기|애기|갓난)",
        requires=r"우는|울음|탯줄|갓난|숨을|파랗|파래|차가워|살아",
    ),
    _rule(
        "119",
        "medical",
        r"화상(?:을)?입|(?:크게|심하게|많이)데(?:었|였)|"
        r"한쪽(?:팔|다리|얼굴|몸)(?:을|이)?(?:못움직|안움직|마비|처졌)|말(?:씀)?을?못하시|말이어눌|"
        r"마비(?:가왔|됐|되었|가와)",
        # a language not spoken ("할머니가 한국말을 못하시는데 외국인 상담 되나요") is the
        # foreign-language desk, not a stroke
        unless_before=r"(?:한국|한국어|우리|우리나라|중국|일본|영어|베트남|러시아|외국|나라)$",
    ),
    _rule(
        "119",
        "injury",
        r"(?:차|트럭|버스|오토바이|택시|자동차)에?(?:치였|치여|받혔)|"
        r"(?:크게|많이|심하게)다쳤|다쳐서못움직|머리를?다쳐",
    ),
    _rule(
        "119",
        "poisoning",
        r"(?:약|수면제|진통제|알약|농약|세제|락스|제초제|독극물)(?:을|를)?(?:다|전부|모두)?"
        r"(?:한꺼번에|통째로|한통|한움큼|몽땅|왕창|많이)(?:을|를)?(?:다|전부|모두)?(?:먹었|삼켰|마셨)|"
        r"(?:농약|락스|세제|제초제|독극물)(?:을|를)?마셨|"
        r"번개탄(?:을|은|도)?(?:이미|벌써|다)?(?:피웠|피우고|피워)|"
        # "사실 지금 약을 먹었어요 삼십 알쯤": pills counted after they were taken
        r"(?:약|수면제|진통제|알약)(?:을|를)?(?:다)?먹었[가-힣]{0,3}?[일이삼사오육칠팔구십백0-9]+알",
    ),
    # ---- 119: trapped, drowning, collapse or flood with people in danger
    _rule(
        "119",
        "trapped",
        r"갇혔|갇혀(?:있|서|요)|(?:밑에|아래에|아래|에)깔(?:렸|려있|려서)|"
        r"(?:사람|아이|애|누가|할머니|할아버지|인부|작업자|운전자)(?:이|가)?(?:깔(?:렸|려)|빠(?:졌|져))|"
        r"물에빠졌|물에빠져|떠내려가|휩쓸려",
        unless_before=(
            r"(?:폰|핸드폰|휴대폰|전화기|카드|지갑|가방|열쇠|키|신발|공|모자)(?:이|가|을|를|도)?$"
        ),
    ),
    _rule(
        "119",
        "collapse",
        r"무너졌|무너져|무너지고|붕괴(?:됐|되|했|하)|내려앉았|주저앉았",
        requires=_PEOPLE_IN_DANGER,
    ),
    # A structure that is giving way now, over people or traffic: a crane or scaffolding
    # leaning further, a wall about to come down. Street furniture that leans ("신호등이
    # 기울어져 있어요") without anyone under it stays a roads matter, hence the requirement.
    _rule(
        "119",
        "collapse",
        r"(?:더|점점|자꾸)기울|기울어지고있|기울고있|휘청(?:휘청|거리|거려|대)|"
        r"(?:무너|넘어|쓰러|떨어|내려앉)(?:지려|질것같|질거같|질듯|지기직전)|넘어오고있|넘어오려",
        # people who might trip or fall ("할머니들 넘어질 거 같아요", "사람들이 걸려 넘어질 것
        # 같아요") are a hazard to fix, not this
        unless_before=(
            r"(?:사람|애|아이|어르신|노인|할머니|할아버지|학생|누구|누가)(?:들)?(?:이|가|도)?"
            r"(?:발이?)?(?:걸려|걸려서|미끄러져|미끄러져서)?$"
        ),
        requires=_PEOPLE_AT_RISK,
    ),
    _rule(
        "119",
        "flood",
        r"침수(?:됐|되|돼)|물이(?:차고|차요|차서|차올|찼|들어와|들어오고|넘쳐|넘치)|물에잠기|"
        r"잠기고있|물이(?:허리|무릎|가슴|목)",
        requires=_PEOPLE_IN_DANGER,
    ),
    # A manhole cover thrown off by rising water, with people or traffic going by the hole the
    # flood hides: how people died in the Seoul floods of 2022 (urgent probe 8, where the
    # classifier escalates it in bfloat16 but not in int8). A cover that rattles, sticks out or
    # is missing on a dry day is a roads matter; this needs it thrown, floated or pushed up.
    _rule(
        "119",
        "flood",
        r"맨홀(?:뚜껑)?(?:이|가|들이)?[가-힣]{0,9}?"
        r"(?:튕겨|튕겼|튀어(?:올라|오르|나가|나갔|서)|날아가|날아갔|날라가|날라갔|떠내려|솟구|솟아|"
        r"(?:들려|열려)(?:서|가지고)?(?:떠|날|물))",
        requires=_PEOPLE_AT_RISK,
    ),
    # ---- 119: explicit calls for help / rescue
    _rule("119", "distress", r"살려(?:주세요|줘|주십시오|달라)|사람살려"),
    _rule(
        "119",
        "service_request",
        r"구급차(?:를|좀|좀빨리|빨리)?(?:불러|보내|와|필요|요청)|"
        r"119(?:에|를|로|번)?(?:불러|연결|좀|신고해|보내|전화해)|"
        r"소방차(?:를|좀)?(?:불러|보내|와)",
    ),
    # ---- 119: people in the way of vehicles now (urgent probe 18: roads, traffic and public
    # transport, where the classifier read such calls as a parking report, a taxi complaint or a
    # subway question). A vehicle that hit someone, said actively ("오토바이가 유모차를 쳤어요");
    # one car hitting another is a matter for insurers, so the object is a person or what
    # carries one
    _rule(
        "119",
        "injury",
        # the match starts at the person, so that what they were doing ("자전거 타던 학생을")
        # is not read as a closed event
        rf"(?:{_ROAD_USER})(?:을|를)?(?:쳤|치었|치고|들이받|박았|받았)",
        requires=rf"(?:{_VEHICLE})(?:가|이)",
    ),
    # A body, or a pram or a wheelchair, caught in something that moves or is about to ("버스
    # 뒷문에 팔이 끼었는데 출발했어요", "에스컬레이터에 발이 끼어서 안 빠져요"); a wheel in a
    # drain is a roads matter, so wheels are not on the list
    _rule(
        "119",
        "rescue",
        # not the 발 of 출발 ("급출발하고 끼어들기를 해서"), nor cutting in (끼어들다)
        r"(?:팔|다리|(?<!출)발|손|손가락|머리|목|몸|옷|옷자락|가방끈|목도리|유모차|휠체어)(?:이|가)?"
        r"[가-힣]{0,6}?(?:끼었|끼였|꼈|끼여(?!들)|끼어(?!들)|껴서|껴가지고|껴있|끼인|말려들|빨려들)",
        requires=(
            r"출발|움직이|움직여|달리|안빠|못빼|안빼|빠지질않|빠지지않|끌려|끌고|말려|"
            r"에스컬레이터|무빙워크|스크린도어|열차|전철|지하철|엘리베이터|자동문|뒷문|앞문"
        ),
    ),
    # Someone down by a vehicle's wheels or under it ("뒷바퀴 쪽으로 넘어지셨는데 다시 출발하려고
    # 해요")
    _rule(
        "119",
        "injury",
        r"(?:바퀴|차밑|차아래|버스밑|트럭밑|범퍼)(?:쪽|옆|앞|밑|아래|근처)?(?:으로|에|에서)?"
        r"(?:넘어지|넘어졌|넘어져|쓰러|누워|들어갔|깔)",
    ),
    # A person among moving traffic: in the middle of a road, between the cars, walking on an
    # expressway ("팔차선 도로 한복판으로 들어가셨어요")
    _rule(
        "119",
        "rescue",
        r"(?:도로|차도|찻길|차로|대로|고속도로|간선도로|[일이삼사오육칠팔0-9]차선|교차로|사거리)(?:의)?"
        r"(?:한복판|한가운데|가운데|중앙|중간|위)(?:으로|에|을|를|에서)?[가-힣]{0,6}?"
        r"(?:들어가|들어갔|걸어|서있|서계|서서|앉아|누워|뛰어|헤매|돌아다니|왔다갔다)|"
        r"차들(?:사이|사이로|사이에|틈에|틈으로)[가-힣]{0,6}?(?:들어가|걸어|서있|서계|서서|앉아|누워|헤매|돌아다니)|"
        r"고속도로(?:를|에서|갓길을|갓길로|갓길에|위를|위에서)?[가-힣]{0,8}?(?:걸어|뛰어|돌아다니|헤매)",
        requires=(
            r"사람|분이|분께서|누가|누군가|애|아이|아기|어르신|할머니|할아버지|노인|학생|"
            r"남자|여자|아저씨|아줌마|취객|장애인|환자|치매|꼬마|어린이"
        ),
        # a vehicle stopped there ("택시들이 도로 한복판에 서서 손님을 태워요") is parking
        unless_before=rf"(?:{_VEHICLE})(?:들)?(?:이|가|도|는)?$",
    ),
    # A vehicle through a railing, hanging over a drop or gone over ("트럭이 난간 뚫고 반쯤
    # 걸쳐 있어요")
    _rule(
        "119",
        "rescue",
        r"(?:난간|가드레일|방호벽|중앙분리대|펜스|울타리)(?:을|를)?(?:뚫고|부수고|들이받고|박고|넘어서|넘어)"
        r"[가-힣]{0,10}?(?:걸쳐|매달려|매달렸|떨어지|떨어졌|떨어져|떨어질|추락|뒤집|넘어갔)",
        requires=_VEHICLE,
    ),
    # A driver who loses hold of the car while it moves ("몸을 떨면서 핸들을 놓쳤어요")
    _rule(
        "119",
        "medical",
        r"핸들(?:을|에서)?(?:손을)?(?:놓쳤|놓치|놓고|놨|놓아버)|"
        # slumped over it ("운전자가 핸들에 엎드려서 꼼짝을 안 해요", urgent probe 20)
        r"(?:핸들|운전대)(?:에|위에|위로)?(?:엎드려|엎어져|쓰러져|고개를?박|머리를?박|축늘어)|"
        r"(?:운전하다가|운전하던|운전중에|운전중|운전석에서|운전석에)[가-힣]{0,10}?"
        r"(?:쓰러|기절|정신을?잃|의식|경련|발작|축늘어|고개를?떨|몸을?떨|가슴을?움켜)",
    ),
    # A vehicle moving with nobody at the wheel, toward people ("빈 차가 뒤로 밀려 내려와요 …
    # 밑에 사람들 서 있어요", urgent probe 20)
    _rule(
        "119",
        "rescue",
        r"(?:혼자|저절로|사람없이|빈채로)(?:굴러|움직|밀려|내려)",
        requires=_SOMEONE + r"|행인|가게|정류장",
    ),
    _rule(
        "119",
        "rescue",
        r"(?:밀려|굴러|미끄러져)(?:서)?(?:내려오|내려와|내려가|가고있|가요|와요)",
        requires=r"(?:빈차|운전석에아무도|아무도안타|아무도없|사람이없|운전자가없|기사가없|사이드)"
        r"(?:.{0,40})(?:사람|애|아이|어르신|학생|행인)|(?:사람|애|아이|어르신|학생|행인)(?:.{0,40})"
        r"(?:빈차|운전석에아무도|아무도안타|운전자가없|기사가없)",
    ),
    # A head struck, and a sign of a brain injury after it ("머리 부딪히고 말을 못 해요")
    _rule(
        "119",
        "medical",
        r"머리(?:를|가|부터)?(?:세게|크게|심하게|땅에|바닥에|아스팔트에|벽에|유리에|모서리에)?"
        r"(?:부딪|박았|박고|박아|찧|다치|다쳐|맞았|맞고)",
        requires=(
            r"말을?(?:못|안)|말도(?:못|안)|정신(?:이|을)?(?:없|못)|의식|눈을?(?:못|안)뜨|"
            r"토하|토해|토했|토를|구토|못일어|안일어|일어나지|대답(?:을|이|도)?(?:안|못|없)|반응(?:이|도)?없|"
            r"축늘어|축처|움직이지(?:를|도)?않|안움직|피가|피를"
        ),
    ),
    # A baby who was hurt and does not cry ("아기가 바닥에 떨어졌는데 안 울어요")
    _rule(
        "119",
        "medical",
        r"(?:아기|애기|갓난|신생아|아가)(?:가|이)?[가-힣]{0,12}?"
        r"(?:안울|울지(?:를|도)?않|울지도못|울음(?:소리)?(?:가|도|이)?(?:안|없|그쳤|멈췄))",
        requires=r"떨어|부딪|쳤|치였|넘어|맞|깔|빠졌|빠져|숨|목에",
    ),
    # ---- 112: violence and crime in progress
    _rule(
        "112",
        "violence",
        r"때리(?:고있|려|면서|는|고)|때려(?:요|서)|때린다|때렸(?:어|다|습)|"
        r"두들겨(?:패|맞)|얻어맞|맞고있|구타(?:를|하|당)|"
        r"폭행(?:을당|당하|당했|하고있|하려|을|해요|했어|중)|(?:폭력|주먹)을?휘두|"
        r"목을?조르|멱살을?잡",
    ),
    # A child heard begging not to be hit ("애가 때리지 말라고 울면서 비는 소리", urgent probe 13):
    # abuse going on, whatever the caller calls it
    _rule(
        "112",
        "violence",
        r"때리지(?:말라|마세요|마요|마|말아)",
        # crying or begging; not any 빌 ("빌라")
        requires=r"울면서|울며|울고|우는|빌면서|빌고|빌어|비는|비네|잘못했",
        # children fighting among themselves ("남매끼리 싸우면서")
        unless_before=r"끼리",
    ),
    # the sound of a child being hit ("애 맞는 소리가 계속 나요")
    _rule(
        "112",
        "violence",
        r"(?:애|아이|아기|애기|얘)(?:가|기)?(?:맞는|얻어맞는|두들겨맞는)소리",
    ),
    _rule(
        "112",
        "domestic_violence",
        r"가정폭력(?:을|이)?(?:당하|당해|이에요|이요|신고|일어|중|있어|하고있)",
    ),
    _rule(
        "112",
        "weapon",
        # a weapon half seen is still one ("칼 같은 거 들이대고")
        r"(?:칼|흉기|낫|망치|야구방망이|둔기|총|가위)(?:같은(?:거|것|걸))?(?:을|를|으로|로)?"
        r"(?:들고|휘두|들이대|위협|겨누)|찔렸|찔러(?:서|요|버)",
        unless_before=r"(?:가시|주사|바늘|벌|모기|못|압정)(?:에|에게)?$",
    ),
    # a stranger taking out a weapon in a public place (urgent probe 10), not a knife taken out
    # at home for fruit
    _rule(
        "112",
        "weapon",
        r"(?:칼|흉기|낫|망치|가위|송곳)(?:같은(?:거|것|걸))?(?:을|를)?(?:꺼내|꺼냈)",
        requires=r"어떤|모르는|낯선|누가|아저씨가|남자가|사람이|놈이|취한",
    ),
    _rule(
        "112",
        "intrusion",
        r"(?:문|현관문|창문|도어락|방문)(?:을|를)?(?:부수|부숴|따려|뜯|강제로|발로차)|"
        r"(?:누가|누군가|모르는사람이?|낯선사람이?|남자가)(?:자꾸|계속)?"
        r"(?:문|현관문|창문|도어락)(?:을|를)?(?:열려|따려|두드|두들|흔들)|"
        r"(?:누가|누군가)[가-힣]{0,8}?(?:도어락|비밀번호|현관비밀번호)(?:를|을)?(?:누르|눌러)|"
        # pushing in past the door once opened ("택배 기사라고 해서 문 열어줬는데 밀고 들어오려고")
        r"(?:문|현관)(?:을|를)?(?:열어|열었|열자|열어주|열어줬)[가-힣]{0,10}?(?:밀고|밀치고)"
        r"[가-힣]{0,6}?들어(?:오려|왔|와)|"
        r"(?:누가|누군가|모르는사람이?|낯선사람이?|남자가|도둑이?)(?:집에|집안에|창문으로|문으로)?"
        r"(?:들어왔|들어오려|들어와있|침입)|침입(?:했|하려|해|자가|한것같)|"
        r"도둑(?:이|이들)?(?:들었|들어왔|들어|있어요|집에|맞았)|도둑이야|"
        r"(?<!날)강도(?:가들|가들어|야|예요|에요|를당|당했|당하)",
        # a price called robbery ("미터기 안 켜고 십오만 원 달래요 이건 강도예요", urgent probe 13)
        unless_before=r"(?:이건|이거|이게|이거는|완전|순)$",
    ),
    # a robber named in a cry for help ("도와주세요 강도가"): 강도 alone is also a strength
    _rule(
        "112",
        "intrusion",
        r"(?<!날)강도(?:가|다|놈|들이|들)",
        requires=r"살려|도와주|도와줘|도와달|제발|빨리|경찰",
    ),
    _rule(
        "112",
        "stalking",
        r"따라오고있|따라와요|따라오는(?:것같|거같|데)|쫓아오|쫓아와|쫓아왔|미행|"
        r"스토킹(?:을당|을|당하|하고)|스토커가",
    ),
    # A vehicle driven at people now: the wrong way, at someone in revenge, drunk or weaving
    # ("올림픽대로에 역주행하는 차 있어요", "보복운전이요 지금도 바로 뒤에 붙어있어요", a taxi
    # driver who smells of drink and drifts across lanes); 112 stops such drivers on a report
    _rule(
        "112",
        "traffic",
        r"역주행(?:하는|하고|해요|해서|중|차|을|하면서|하네|한다)",
    ),
    _rule(
        "112",
        "traffic",
        # reckless driving (칼치기, 난폭운전) is mostly told after the ride, to complain about a
        # taxi ("지금은 내렸고 신고하고 싶어요"): only revenge and drink, going on now
        r"보복운전|음주운전",
        requires=(
            r"지금(?!은)|방금|따라오|따라와|쫓아|붙어|밀어붙|위협|비틀|지그재그|"
            r"차선을?(?:막|계속)?(?:넘나들|넘나드|왔다갔다)|운전하고있|가고있|달리고있"
        ),
    ),
    _rule(
        "112",
        "traffic",
        r"차선을?(?:왔다갔다|넘나들|넘나드|물고|밟고)|(?:비틀비틀|지그재그로?|갈지자로?)"
        r"(?:달리|가|운전|와요|가요|다녀|몰)",
        requires=r"운전|기사|택시|버스|트럭|오토바이|핸들|차가|차를|승용차",
    ),
    # arson threatened or begun (urgent probe 11: petrol poured in a public office)
    _rule(
        "119",
        "fire",
        r"불(?:을)?(?:지르겠|질러버리|질러버린|지른다고|지르려|지를거|지를게|지를께)|"
        r"(?:휘발유|시너|신나|기름|석유|등유)(?:통)?(?:을|를)?[가-힣]{0,8}?(?:뿌리|뿌렸|뿌려|끼얹)",
        # "기름 뿌린 것처럼 미끄러워요": a road like oil
        unless_after=r"^(?:ㄴ|은|는)?(?:것|거|게)?(?:처럼|같이|마냥|듯)",
    ),
    # a lighter played with where something was poured ("바닥에 뭘 뿌리고 라이터를 켰다 껐다 해요
    # 기름 냄새 나요", urgent probe 18); a lighter alone is a smoker's
    _rule(
        "119",
        "fire",
        r"라이터(?:를|로|불을?)?(?:켰다껐다|켰다꺼|켜고|켰|키고|켜려|켜서|들고)",
        requires=r"휘발유|시너|신나|기름|석유|등유|뿌리|뿌렸|뿌려|끼얹|불을?지르|불지르",
    ),
    # A robbery without the word: money demanded with something held to the body ("뒷자리
    # 손님이 목에 뭘 대고 돈 내놓으라고 해요", urgent probe 20)
    _rule(
        "112",
        "robbery",
        r"돈(?:을|좀)?(?:내놓|내놔|내노|다내|달라고|주라고|꺼내라)",
        requires=r"목에|옆구리|등에|칼|흉기|대고|들이대|위협|협박|죽|찌르",
    ),
    # Things thrown at people or traffic now ("육교 위에서 아래 도로로 벽돌을 던지고 있어요")
    _rule(
        "112",
        "assault",
        r"(?:벽돌|돌|돌멩이|병|술병|유리병|화분|물건|쇠파이프)(?:을|를|들을)?[가-힣]{0,8}?"
        r"(?:던지고있|던지고|던져요|던지는|던졌어|던지네)",
        requires=r"차|도로|사람|행인|아래|밑으로|머리|유리|다쳤|맞았",
        # a child's ball, a thing thrown away ("쓰레기를 던지고 가요" is dumping)
        unless_before=r"(?:쓰레기|담배꽁초|꽁초)(?:를|을)?$",
    ),
    _rule(
        "112",
        "threat",
        r"협박(?:을받|을|하고|해요|당하|받고|하는|했어)|"
        r"죽(?:이겠다|여버리겠|여버린다|인다고|일거야|일거라고|여버릴)",
    ),
    _rule(
        "112",
        "abduction",
        # "납치하는 중이래요": going on as someone tells it (urgent probe 11, a passenger's note)
        r"납치(?:를당|를했|됐|되었|된|되는|당했|당한|당할|당하|하려|했|돼|되고|하고|하는중)|"
        r"(?:강제로|억지로)(?:차에|끌고|데려)|끌려가(?:고있|요|고)|끌고가(?:요|고있|려)|"
        # dragged or pushed into a vehicle ("사람을 끌고 타서 출발했어요")
        r"(?:사람|여자|남자|애|아이|학생|아가씨|할머니|할아버지)(?:을|를)?(?:끌고|끌어서|끌어)"
        r"(?:차에|승합차에|봉고차에|트럭에)?(?:타|태우|태워|밀어넣|밀어|집어넣)|"
        # held in a vehicle or by the arm against one's will (urgent probe 7): not let out when
        # asked, doors locked on the way somewhere strange, not let go when asked (a grip alone
        # is also a child who clings: "애가 팔을 잡고 안 놔요")
        r"(?:내려|세워)달라(?:고)?(?:해도|했는데도?|는데도?)(?:안|못)(?:내려|세워)|"
        r"문(?:을|도)?잠그고[가-힣]{0,10}?이상한(?:데|곳|길|산길|방향)|"
        r"놔(?:달라고|주라고|주세요라고)(?:해도|했는데도?|하는데도?)안놔",
    ),
    _rule(
        "112",
        "missing_person",
        r"(?:아이|(?<![장연])애|아들|딸|애기|아기|할머니|할아버지|어머니|아버지|엄마|아빠|"
        # a child named by age or school, and counted ("초등학생 하나가 그 근처에서 안 보여요"
        # beside an open manhole in floodwater, urgent probe 16)
        r"동생|어르신|초등학생|유치원생|어린이|꼬마)(?:하나|한명)?(?:가|를|이|께서)?"
        r"(?:[가-힣]{1,8}?(?:에서|에))?"
        r"(?:없어졌|사라졌|잃어버렸|안보여|안보이|실종|집에안들어)",
    ),
    # someone vulnerable who never arrived where they were going (urgent probe 9): a person with
    # dementia or autism "did not turn up" is missing, whatever the hour
    _rule(
        "112",
        "missing_person",
        r"(?:안|못)(?:왔대|왔어|왔다고|오셨대|오셨어|오셨다고|들어왔|들어오셨|돌아왔|돌아오셨)",
        # a person who has it, not a test or a centre for it ("치매 검사 예약했는데 안 오셨대요")
        requires=r"(?:치매|자폐|발달장애|지적장애|장애가있|인지장애|알츠하이머)"
        r"(?!검사|안심|센터|예방|진단|선별|교실)",
    ),
    # someone out of reach whose shared location has not moved for hours ("연락이 안 돼요 위치
    # 공유 보니까 세 시간째 같은 데 멈춰 있고", urgent probe 9 as another processor's build
    # reads it)
    _rule(
        "112",
        "missing_person",
        r"위치[가-힣]{0,12}?(?:시간째|시간이넘게|시간넘게|시간동안)[가-힣]{0,10}?"
        r"(?:멈춰|멈춘|그대로|안움직|움직이지않|똑같)",
        requires=r"연락이안|연락이없|연락두절|전화를?안받|전화도안받|신호만|안받아",
        # a parcel's or a bus's location is not a person's
        unless_before=r"(?:택배|배송|소포|물건|주문|상품|버스|차량|따릉이|자전거)(?:의)?$",
    ),
    # someone alone up or down somewhere who has not come back for hours (a water tank, a roof)
    _rule(
        "119",
        "trapped",
        r"(?:시간|시간째|시간이넘게|시간넘게|시간이지나도)[가-힣]{0,10}?"
        r"(?:안내려오|내려오지않|내려오질않|안올라오|올라오지않|올라오질않)",
    ),
    # someone living alone not seen for days, and a smell from their door: a welfare check now
    _rule(
        "119",
        "unseen",
        r"(?:문|현관|문틈|문앞|문밑|집|댁|방|호|안쪽)"
        r"(?:에서|쪽에서|틈으로|틈에서|안에서|으로|밑으로|앞에서)?"
        r"(?:좀|이상한|썩는|역한|고약한|좋지않은|시체|무슨|심한)?냄새(?:가|도)?"
        r"(?:좀|조금|많이|계속|자꾸|이상하게|심하게|역하게)?(?:나|납|심하|심해|올라|새)",
        requires=(
            r"안보이|못봤|못뵀|못뵌|못본|뵐수가없|볼수가없|인기척|연락이안|연락이없|연락두절|"
            r"대답이없|대답을안|기척이없|반응이없|반응이업|안나오|전화를?안받|전화도안받|"
            r"(?:택배|우편물|우편함|고지서|신문|우유|야쿠르트)[가-힣]{0,12}?"
            r"(?:그대로|쌓여|쌓였|안가져|넘쳐|넘치)"
        ),
    ),
    _rule(
        "112",
        "sexual_crime",
        r"(?:성추행|성폭행|성폭력|추행)(?:을당|당하|당했|하고있|하려|을)|"
        r"몰카(?:를찍|를|찍|가)|몰래(?:찍|촬영)|불법촬영(?:을|하고|하는)|"
        r"(?:몸|가슴|엉덩이|허벅지|신체)(?:을|를)?(?:만지|더듬|만져)",
    ),
    _rule(
        "112",
        "disturbance",
        r"싸움(?:이)?(?:났|나서|나고)|패싸움|싸우고있|난동(?:을부리|을|부리|피우)|행패(?:를|부리)",
    ),
    _rule(
        "112",
        "service_request",
        r"경찰(?:을|좀|좀빨리|빨리)?(?:불러|보내|와주|출동)|"
        r"112(?:에|를|로|번)?(?:불러|연결|좀|신고해)",
    ),
    # ---- 109: suicide and self-harm risk (not situational: see the module docstring)
    # a blade held to one's own wrist or throat (urgent probe 11, at a public office's counter)
    _rule(
        "109",
        "suicide",
        r"(?:칼|커터칼|면도날|칼날|유리조각|가위)(?:을|를)?[가-힣]{0,10}?(?:손목|목)(?:에)?"
        r"(?:대고|갖다대|들이대)",
        situational=False,
    ),
    _rule(
        "109",
        "suicide",
        r"죽고싶|죽어버리고싶|죽어야겠|죽으려고|죽을래|죽을거예요|죽을거야|죽는게나을|"
        r"죽을생각|죽을까생각|"
        r"자살(?:하고싶|하려|하겠|시도|충동|생각|을하|을생각|하면|했으면|해버|하러|할)",
        situational=False,
        # taken back at once ("시험 망해서 죽고 싶다 ㅋㅋ 농담이에요")
        unless_after=r"^.{0,8}농담",
    ),
    _rule(
        "109",
        "suicide",
        r"살고싶지(?:가)?않|살기(?:가)?싫|더이상살고싶|더이상살기싫|더이상살아갈|더는살고싶|"
        r"그만살고|살아서뭐|살이유가|살아갈이유|살아야할이유|사는게(?:의미가없|무의미|지겹)|"
        r"세상을떠나(?:고싶|려고|겠)|영원히잠들|(?:이번생|인생|내인생|제인생|삶)(?:은|이)?여기까지",
        situational=False,
        unless_before=r"(?:동네|집|곳|데|여기|아파트|도시|서울|층|반지하|원룸)(?:에서|에|는|가|은)?$",
    ),
    _rule(
        "109",
        "suicide",
        rf"{_IT_ALL}끝내(?:고싶|려고|버리고|야겠|고말겠|버릴)",
        situational=False,
        unless_before=(
            r"(?:일|서류|업무|신청|민원|절차|처리|공사|숙제|계약|이사|정리|납부|결제|오늘|빨리|"
            r"얼른|상담|통화|전화|얘기|이야기|수속|준비|등록|작업|시험|공부|이거|그거|저거|이것|"
            r"그것|신고|접수)(?:을|를|은|는|도|안에|까지)?$"
        ),
        # an object said as an afterthought: "다 끝내고 싶어요, 이 민원 처리요"
        unless_after=r"^.{0,6}(?:서류|민원|처리|신청|업무|절차|공사|계약|납부|등록|접수|수속|이거|그거)",
    ),
    # The same thought as a plan ("오늘 밤에 그냥 다 끝낼까 생각 중이에요", probe calls), which
    # a task also takes: no task named anywhere before it in the clause ("공사를 이번 주에 다
    # 끝낼 거래요")
    _rule(
        "109",
        "suicide",
        rf"{_IT_ALL}끝낼(?:까|거|꺼|래|려고|생각)",
        situational=False,
        unless_before=(
            r"(?:서류|업무|신청|민원|절차|처리|공사|숙제|계약|이사|정리|납부|결제|상담|통화|"
            r"수속|준비|등록|작업|시험|공부|신고|접수|청소|빨래|이거|그거)(?:을|를|은|는|도|만)?|"
            r"일(?:을|를|은|는|도|만)|(?:오늘|빨리|얼른|이번주|월말|주말|연말)(?:안에|까지|중에|중으로)"
        ),
    ),
    _rule(
        "109",
        "suicide",
        r"(?:제가|내가|저는|나는|저만|나만|저하나|나하나|저같은사람|나같은사람|저같은게|나같은게)"
        r"(?:없어지면|없어졌으면|없어져도|사라지면|사라졌으면|사라져도|세상에없으면)|"
        r"(?:사라지|없어지|사라져버리)고싶|"
        # "no point, I won't be here next month": 어차피 and not being here, unless the caller
        # is moving, travelling or leaving for a reason ("어차피 이사 가서 없을 거라서")
        r"어차피(?:(?!이사|출장|여행|해외|입대|군대|유학|귀국|출국|퇴사|전학|이민|집에|서울에).){0,12}"
        r"(?:없을거|없을꺼|없을테|없어질거|없어질테|사라질거|사라질테)",
        situational=False,
    ),
    _rule(
        "109",
        "suicide",
        r"옥상(?:에|위에|위)(?:올라|서있|와있|나와있|나왔)|옥상난간|"
        r"(?:다리|대교)(?:위에|위|난간에|난간위에)(?:서있|올라|와있|있어요|있는데|매달|서서)|"
        r"(?:다리|대교|난간)(?:에|을)?(?:올라갔|올라왔|올라가|매달|넘어)|"
        # not someone else's insult ("한강 가서 뛰어내리라고 막말했어요") or a measure or news
        # about it ("투신 방지 난간", "투신 사고 나서")
        r"한강(?:에|물에)(?:뛰어|들어가)|뛰어내리(?!라고|래|란)|뛰어내릴|뛰어내려|"
        r"투신(?!방지|예방|사고)",
        situational=False,
    ),
    _rule(
        "109",
        "suicide",
        r"목을매|목을?맬|목매달|목매(?:려|고싶|어죽|면|야)|(?<!사)유서(?!깊|가깊|있는)|"
        r"번개탄(?:을)?(?:사놨|샀|사|준비|피우면|피울)|마지막으로(?:인사|목소리)",
        situational=False,
    ),
    _rule(
        "109",
        "suicide",
        r"(?:약|수면제|진통제|알약)(?:을|를)?(?:다|전부|모두)?"
        r"(?:한꺼번에|몽땅|통째로|한통|왕창|모아서|모아|한움큼)(?:을|를)?(?:다|전부|모두)?(?:먹|삼키)|"
        r"수면제(?:를)?(?:모아|모았|사모|모으)",
        situational=False,
    ),
    _rule(
        "109",
        "suicide",
        # "약을 한 달 치 모아놨거든요"
        r"(?:약|수면제|진통제|알약)(?:을|를)?(?:좀|조금|몰래|잔뜩|많이|한가득|[가-힣]{1,4}치|"
        r"[가-힣]{1,3}통)?모아(?:놨|뒀|놓|두|둔)",
        situational=False,
        unless_after=r"^.{0,12}(?:폐의약품|수거|버리|버려|반납|처리|어디에)",
    ),
    # Where the caller is now or what is lit, said after an ordinary question ("여권 재발급
    # 알아보다가요 … 지금 창틀에 올라서 있어요", "방에 연탄 피워놨어요", "지하철 선로로
    # 내려가려고요", "지금 옥상이에요")
    _rule(
        "109",
        "suicide",
        r"(?:창틀|창문틀|창가|베란다난간)(?:에|위에|위)?(?:올라|서있|매달|걸터앉)|"
        r"(?:방|방안|차|차안)(?:에|에서|에다)?(?:연탄|번개탄|숯)(?:을)?(?:피웠|피워|피우고)|"
        r"선로(?:로|에|위로|아래로)(?:내려가|뛰어들|뛰어내리|들어가)(?:려|겠|고있|는중)|"
        r"지금옥상(?:이에요|이요|이야|인데|에있|에서있|위)",
        situational=False,
    ),
    # Being gone soon, said of oneself ("내일이면 저 없어요", "오늘 밤 지나면 없을 사람"), and
    # one's own funeral or body arranged for a day named soon ("제가 죽으면 장례비가 … 이번 주
    # 안에 쓸 것 같아서요", "시신 기증 … 저 곧 갈 거라")
    _rule(
        "109",
        "suicide",
        r"(?:오늘밤|오늘저녁|내일|모레)(?:아침|밤|저녁|새벽)?(?:지나면|이면|면|쯤이면|쯤)?"
        r"(?:(?:저는?|나는?|제가|내가)(?:없어요|없을거|없을꺼|없을테|세상에없)|없을사람)",
        situational=False,
    ),
    _rule(
        "109",
        "suicide",
        r"(?:제|내|저의|나의)(?:장례|장례식|장례비|시신|영정)|(?:제가|내가)죽으면|시신기증|"
        r"장례(?:식장)?(?:을|를)?(?:예약)?(?:을|를)?(?:제|내)이름|"
        r"(?:약|수면제|번개탄|밧줄)(?:도|을|를)?(?:다)?(?:준비해|사)(?:놨|뒀|놓|두)",
        situational=False,
        requires=r"(?:오늘|내일|모레|이번주|곧|며칠안|조만간)(?!.{0,12}(?:몸은멀쩡|건강))",
    ),
    _rule(
        "109",
        "self_harm",
        r"자해(?:를|하|했|충동|하고)|손목(?:을)?(?:긋|그었|그어|자르|잘랐)|"
        r"(?:칼|커터칼|면도칼)로?(?:손목|팔)을?(?:긋|그)|"
        r"(?:손목|팔|몸|허벅지)에?상처를?(?:내|냈)|상처를?(?:계속|자꾸)?내고있",
        situational=False,
    ),
)

# --------------------------------------------------------------------------- guards

# Told from a story or a broadcast: never the caller's situation.
_FICTION_BEFORE = re.compile(
    r"(?:드라마|영화|뉴스|기사|신문|소설|게임|웹툰|유튜브|티비|tv)(?:에서|에|처럼|보니까|봤는데)|"
    r"꿈에서|꿈속|꿈을꿨",
    re.IGNORECASE,
)
# A hypothetical ("만약 불이 나면"); for suicide risk a hypothetical is itself a signal.
_HYPOTHETICAL_BEFORE = re.compile(r"만약|만일|가정해서|예를들")
# Past perfect / retrospective / experience right at the cue: a closed event.
_CLOSED_EVENT = re.compile(
    r"(?:[었았였났졌렸쳤했겼갔왔셨됐웠켰랐섰봤줬펐뒀쐈찼냈렀])었|던(?!지|져|졌)|적이|적있|적도|"
    # "-었다가": it happened and then changed ("엘리베이터에 갇혔다가 방금 꺼내 줬어요")
    r"(?:혔|났|졌|렸|쳤|였|었|았)다가"
)
# "…인 줄 알고" is a mistake told afterwards ("가스 냄새인 줄 알고 … 가스는 아니래요")
_NEGATED_AFTER = re.compile(
    r"^.{0,3}?(?:건|게|것은|것도|거는|거|지는|진|줄)(?:아니|않|안|없|알았|알고)"
)
_HYPOTHETICAL_AFTER = re.compile(
    r"^(?:하|했|됐|되|될|할|한|을|ㄹ)?(?:으면(?!서)|면(?!서)|을때|ㄹ때|때(?!문)|을경우|는경우|경우|시에|"
    r"시(?![간청작는고어])|"  # "화재 시", not the honorific "경련을 하시는데"
    r"에대비|대비|예방|훈련|교육|보험)"
)
# Said after the cue: the danger is over or already in professional hands.
_RESOLVED_AFTER = re.compile(
    r"(?<!안)(?<!못)(?<!아직)(?:꺼졌|진화(?:됐|되었|완료)|해결(?:됐|되었)|괜찮아졌|지금은괜찮|"
    r"이제는괜찮|이제괜찮|깨어났|깨어나셨|회복(?:됐|했|하셨|중)|입원(?:중|했|해계|하셨|해있)|"
    r"퇴원|치료(?:받고|중)|잡혔|체포|구속|꺼내(?:줬|주셨|줘서)|구조(?:됐|되었|받았|해줬)|"
    # already on the way to hospital ("쓰러지셔서 구급차 따라가느라 …", "구급차 타고 가셨고")
    r"구급차(?:를|에)?(?:타고|실려)(?:가셨|갔|가서|가시)|구급차(?:를)?따라(?:가느라|갔|가서)|"
    r"병원(?:에|으로)(?:실려|옮겨|이송)(?:갔|가셨|됐|되셨)|"
    # the police have been and gone ("싸움나서 어제 경찰까지 왔었어요", urgent probe 14), or
    # have finished with it ("경찰 조사도 다 끝났어요")
    r"경찰(?:이|도|까지|들이)?(?:왔었|다녀갔|왔다갔|출동했었)|"
    r"조사(?:도|가|는)?(?:다)?(?:끝났|마쳤|끝나서))"
)
# The source turned out harmless when the caller went to look ("타는 냄새가 나서 나가 봤더니
# 옆 식당 고기 굽는 연기예요").
_EXPLAINED_AFTER = re.compile(
    r"(?:봤더니|보니까|보니|알고보니).{0,24}(?:고기|굽|구이|식당|음식|요리|담배|바베큐|캠핑|모닥불|"
    r"공사|공장|용접)"
)
_PAST_TIME = re.compile(
    r"(?:지난주|지난달|지난해|지난번|저번주|저번달|저번에|작년|재작년|그저께|그제|어제|어젯밤|어젯저녁|엊그제|예전|"
    r"지난(?:[월화수목금토일]요일|주말|봄|여름|가을|겨울|명절|설|추석|연휴)|"
    # where the caller used to live ("전에 살던 집에서 스토킹을 당해서 이사하려고요")
    r"전에살던|전에살때|이사오기전|"
    r"옛날|과거|얼마전|오래전|"
    r"어렸을때|어릴때|젊었을때|며칠전|이틀전|사흘전|몇년전|몇달전|몇주전|"
    r"(?:한|두|세|네|\d+)(?:달|주|해|년|개월|주일)전|\d{4}년)(?!부터)"
)
_AFTERMATH_AFTER = re.compile(
    r"지원|감면|보상|보험|복구|신청|서류|증명|확인서|발급|세금|재산세|과태료|수당|재판|판결|"
    # a centre to go to later, not the community centre it happens in ("…주민센터 삼층입니다")
    r"소송|합의|배상|수리비|공제|환급|납부|면제|요양|간병|장애|산재|절차|(?<!주민)(?<!복지)센터|상담소|"
    r"교육|예방|통계|기준|제도|처리결과|사건|병원비|치료비|생활비|환불|재발급|잔액|"
    # what is left to throw away ("불 나서 탄 소파랑 냉장고 버리려고요")
    r"버리려|버려야|버릴|폐기물|수거"
)
_IMMEDIATE_BEFORE = re.compile(r"지금|방금|현재|당장|또|다시")
_PROGRESSIVE_AFTER = re.compile(r"^.{0,2}고있")
_PANIC = re.compile(
    r"살려|제발|급해요|급합니다|어떡해|어떡하|빨리와|빨리좀와|빨리보내|(?<!도)와주세요|와주실|출동"
)

_SENTENCE_END = re.compile(r"[.?!…。？！]+")
_CLAUSE_END = re.compile(r"[,;~·，]+|(?:는데|은데|인데|던데|한데|지만)(?:요)?(?!서)")


def _compact(text: str) -> tuple[str, list[int]]:
    """Text without whitespace, and the original index of each kept character."""
    text = unicodedata.normalize("NFC", text)
    kept: list[str] = []
    index: list[int] = []
    for position, char in enumerate(text):
        if not char.isspace():
            kept.append(char)
            index.append(position)
    return "".join(kept), index


def _spans(compact: str, boundary: re.Pattern[str]) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for match in boundary.finditer(compact):
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(compact)))
    return spans


def _containing(spans: list[tuple[int, int]], position: int) -> tuple[int, int]:
    for start, end in spans:
        if start <= position < end:
            return start, end
    return spans[-1]


def _fires(
    rule: _Rule,
    match: re.Match[str],
    compact: str,
    sentences: list[tuple[int, int]],
    clauses: list[tuple[int, int]],
) -> bool:
    start, end = match.span()
    sentence_start, sentence_end = _containing(sentences, start)
    clause_start, _ = _containing(clauses, start)
    before = compact[clause_start:start]
    after = compact[end:sentence_end]

    if _FICTION_BEFORE.search(before):
        return False
    if rule.unless_before and rule.unless_before.search(before):
        return False
    if rule.unless_after and rule.unless_after.match(after):
        return False
    if rule.requires and not rule.requires.search(compact[sentence_start:sentence_end]):
        return False
    if not rule.situational:
        return True
    if _HYPOTHETICAL_BEFORE.search(before):
        return False

    # Strong guards: the event is closed, denied, imagined or over.
    if _CLOSED_EVENT.search(compact[start : end + 3]):
        return False
    if _NEGATED_AFTER.match(after) or _HYPOTHETICAL_AFTER.match(after):
        return False
    if _RESOLVED_AFTER.search(after) or _EXPLAINED_AFTER.search(after):
        return False

    # Weak guards: yield to a sign that the danger is ongoing.
    panic = _PANIC.search(compact[sentence_start:sentence_end]) is not None
    progressive = _PROGRESSIVE_AFTER.match(after) is not None
    past = _PAST_TIME.search(before)
    if past and not (panic or progressive or _IMMEDIATE_BEFORE.search(before[past.end() :])):
        return False
    aftermath = _AFTERMATH_AFTER.search(after) is not None
    ongoing = panic or progressive or _IMMEDIATE_BEFORE.search(before) is not None
    return ongoing or not aftermath


def detect_emergency(text: str, *, heard: str | None = None) -> EmergencyCue | None:
    """The most urgent emergency cue in a Korean transcript, or None.

    ``heard`` is the same transcript word for word with words spelt as they sound respelt
    (the classifier's reading, ``IntentClassifier.respell``): cues are looked for in it too
    when the transcript itself has none, and ``matched_text`` then quotes the caller's own
    words. See the module docstring for what counts and what is deliberately ignored.
    """
    text = unicodedata.normalize("NFC", text)
    found = _detect(text)
    if found is not None or heard is None:
        return found[0] if found is not None else None
    heard = unicodedata.normalize("NFC", heard)
    words, heard_words = text.split(" "), heard.split(" ")
    if heard == text or len(words) != len(heard_words):
        return None
    found = _detect(heard)
    if found is None:
        return None
    cue, (start, end) = found
    first, last = heard[:start].count(" "), heard[:end].count(" ")
    return replace(cue, matched_text=" ".join(words[first : last + 1]))


def _detect(text: str) -> tuple[EmergencyCue, tuple[int, int]] | None:
    """The cue and the span of ``text`` (NFC) it quotes."""
    compact, index = _compact(text)
    if not compact:
        return None
    sentences = _spans(compact, _SENTENCE_END)
    clauses = _spans(compact, _CLAUSE_END)
    best: tuple[int, int, _Rule, re.Match[str]] | None = None
    for rule in _RULES:
        for match in rule.pattern.finditer(compact):
            if match.end() == match.start():
                continue
            if not _fires(rule, match, compact, sentences, clauses):
                continue
            key = (_LINE_PRIORITY[rule.line], match.start())
            if best is None or key < best[:2]:
                best = (*key, rule, match)
            break  # the first firing match of a rule is enough
    if best is None:
        return None
    _, _, rule, match = best
    start, end = index[match.start()], index[match.end() - 1] + 1
    cue = EmergencyCue(line=rule.line, category=rule.category, matched_text=text[start:end])
    return cue, (start, end)


# --------------------------------------------------------------------------- agent request

_AGENT_PERSON = (
    r"(?:상담원|상담사|상담원분|상담사분|상담원님|상담사님|직원|직원분|담당자|담당직원|"
    r"진짜사람|실제사람|사람|교환원)"
)
_AGENT_REQUEST = re.compile(
    _AGENT_PERSON + r"(?:이랑|하고|과|와|을|를|으로|로|한테|께|님|분|좀)*(?:좀|빨리|바로|직접)?"
    r"(?:연결|바꿔|바꾸어|통화|얘기|이야기|대화|말하|말씀|상담받|상담하|상대하)"
)
_AGENT_REQUEST_NEGATED = re.compile(r"^.{0,4}?(?:안해도|안하셔도|필요없|필요는없|괜찮|말고|은됐)")
_NOT_A_MACHINE = re.compile(
    r"(?:기계|로봇|ai|에이아이|ars|자동응답|챗봇|컴퓨터|인공지능)(?:이랑|랑|하고|과|와)?(?:은|는)?"
    r"(?:말고|말구|싫|아니고|얘기안|대화안|통화안|못알아)",
    re.IGNORECASE,
)
_AGENT_ALONE = re.compile(
    r"^(?:그냥|아니|아니요|네|예)?" + _AGENT_PERSON + r"(?:이요|요|으로요|로요|으로|로)?"
    r"(?:부탁드려요|부탁드립니다|부탁해요|부탁합니다|부탁|요)?[.!?~]*$"
)


def detect_agent_request(text: str) -> bool:
    """Whether the caller asks for a human ("상담원 연결해 주세요", "기계 말고요").

    Subject forms ("직원이 말하길…", "상담원이 불친절했어요") are not requests, and a
    declined offer ("상담원 연결은 안 해도 돼요") is not one either.
    """
    compact, _ = _compact(text)
    if not compact:
        return False
    if _NOT_A_MACHINE.search(compact) or _AGENT_ALONE.match(compact):
        return True
    for match in _AGENT_REQUEST.finditer(compact):
        if not _AGENT_REQUEST_NEGATED.match(compact[match.end() :]):
            return True
    return False
