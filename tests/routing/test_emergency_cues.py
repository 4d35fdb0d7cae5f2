"""The Korean emergency-cue detector: what must escalate, to which line, and what must not."""

from __future__ import annotations

import pytest

from routing.emergency import detect_emergency

# (what the caller says, the line it must go to)
POSITIVES_119 = [
    # fire, gas, explosion
    "불이 났어요 빨리 와주세요",
    "옆집에서 불이 나고 있어요",
    "아파트 3층에 불이 붙었어요 연기가 가득해요",
    "부엌에서 가스 냄새가 너무 심하게 나요",
    "가스가 새는 것 같아요 어떡해요",
    "공장에서 폭발 소리가 났어요",
    # arson threatened, with no fuel named
    "옆집 남자가 다 불 질러버린다고 소리 질러요",
    "저 사람이 가게에 불 지른다고 해요",
    "지하 주차장에 연기가 자욱해요",
    # medical
    "버스 정류장 물어보려 했는데 지금 옆에 사람이 쓰러져서 숨을 안 쉬어요",
    "아버지가 갑자기 쓰러지셨어요",
    "할머니가 의식이 없어요",
    "아기가 숨을 못 쉬어요",
    "남편이 거품을 물고 경련을 하고 있어요",
    "칼에 베였는데 피가 너무 많이 나요",
    "피가 안 멈춰요",
    "사람이 차에 치였어요",
    "심장이 멈춘 것 같아요 심폐소생술 하고 있어요",
    "어제부터 어머니가 의식이 없으세요",
    # bleeding in pregnancy, told lightly
    "별일 아닐 수도 있는데 딸이 임신 칠 개월인데 아침부터 피가 조금 비쳐요",
    # fell and cannot get up, told after something else
    "보도블록 민원 넣으려다가요 지금 앞에 가던 할아버지가 미끄러지셔서 일어나지를 못하세요",
    # trapped, collapse, flood
    "엘리베이터에 갇혔어요",
    "공사장에서 벽이 무너져서 사람이 깔렸어요",
    "반지하에 물이 차올라서 할머니가 못 나오세요",
    "아이가 물에 빠졌어요",
    # explicit
    "살려주세요",
    "구급차 좀 불러 주세요",
    "농약을 마셨대요",
    "공사장 크레인이 넘어져서 사람이 깔렸어요",
    "맨홀에 사람이 빠졌어요",
    "아이가 뜨거운 물에 크게 데었어요",
    "할머니가 말을 못 하시고 한쪽 팔을 못 움직이세요",
    "교통사고가 났는데 운전자가 의식이 없어요",
    "주방에서 기름에 불이 붙었어요",
    "산에서 다리를 다쳐서 못 움직여요",
    "약을 한꺼번에 다 먹었어요",
    "영화관에서 옆 사람이 쓰러졌어요",
    "게임하다가 친구가 갑자기 쓰러졌어요",
    "불이 나는데 어떻게 해요",
    # a structure giving way now, over people or traffic
    "아파트 공사장 크레인이 점점 기울고 있어요 밑으로 버스가 다녀요",
    "상가 외벽 타일이 통째로 떨어지려고 해요 사람들 계속 지나가요",
    "옆 건물 비계가 도로 쪽으로 넘어오고 있어요 차들 막 다니는데",
    # the gas noun as older callers say it and as a recognizer hears it
    "부엌에서 까스 냄새가 나요 어떻게 해요",
    "보일러실에서 가수가 새는 거 같아요 쉭 소리가 나요",
    # smoke coming out now, after an ordinary question (urgent probe 3)
    "과태료 물어보려다가요 지금 앞 건물 창문에서 연기 나고 있어요",
    "택시 타고 가는데 앞차에서 연기 나는데 사람이 안 내려요",
    # charcoal already lit, said after an ordinary question (physical danger: 119 first)
    "밀린 세금 물어보려고요 번개탄은 벌써 피워 놨어요",
    # pills counted after they were taken
    "여권 물어보려다가요 사실 방금 약을 먹었어요 이십 알쯤",
    # an ambulance asked for is not one already gone; a crane swaying over a pavement
    "아버지가 쓰러지셨어요 구급차 타고 와 주세요 빨리요",
    "타워크레인이 바람에 휘청거려요 바로 밑이 인도예요",
    # a manhole cover thrown off by rising water, with people or cars going by the open hole
    # (the 2022 Seoul floods; urgent probe 8 in int8)
    "비가 너무 와서 맨홀 뚜껑이 날아갔어요 물 때문에 구멍이 안 보이는데 애들이 지나다녀요",
    "장마 때문에 하수도 맨홀 뚜껑이 들려서 떠내려갔어요 차들이 그 위로 지나가요",
    "물살에 맨홀 뚜껑이 튀어 올라서 구멍이 뚫렸어요 퇴근하는 사람들이 그리로 걸어가요",
    "맨홀 뚜껑이 덜컹덜컹 떠오르더니 날아가 버렸어요 그 옆으로 학생들 지나다녀요",
    # escalated only by the urgent floor on this build, so by another build perhaps not:
    # bleeding from the head; an old person found cold, unable to speak, breathing faintly; the
    # pavement gone from under someone
    "킥보드 타다 넘어진 사람이 머리에서 피가 나요 눈을 못 떠요",
    "독거 어르신 댁에 왔는데 말씀을 못 하시고 숨을 희미하게 쉬세요",
    "보도블럭이 꺼지면서 할머니가 무릎까지 빠졌어요 못 나오세요",
    "공사장 앞 도로가 내려앉아서 사람이 그 안으로 떨어졌어요",
    # someone who does not respond
    "아버지가 주무시는데 흔들어도 반응이 없어요",
    "동생이 화장실에서 한 시간째 안 나와요 문을 두드려도 대답이 없어요",
    # someone alone who went up or down and has not come back; someone not seen for days with a
    # smell from their door (urgent probe 9)
    "아버지가 지붕 고치러 올라가셨는데 세 시간째 안 내려오세요",
    "정화조 점검하러 내려간 사람이 한 시간이 넘게 올라오지 않아요",
    "윗집 아저씨가 일주일째 안 보이는데 현관에서 썩는 냄새가 나요",
    "택배가 문 앞에 며칠째 그대로 쌓여 있고 문틈으로 냄새가 계속 새요",
    # asked, not reported (urgent probe 10): a stroke's signs before a question about opening
    # hours, skin coming off a scald
    "아버지 입이 한쪽으로 돌아가고 발음이 이상한데 병원 몇 시에 열어요",
    "애가 뜨거운 국을 쏟아서 다리 피부가 벗겨졌어요 연고 발라도 돼요",
    # workers calling about someone else (urgent probe 11): a seizure at a community centre, a
    # head bleeding hard, a birth in a taxi, a newborn in a bag, the Heimlich not working, petrol
    # poured with a threat to burn
    "복지관 직원인데요 어르신이 경련을 하시는데 안 멈춰요 동대문구 복지센터 이층이에요",
    "넘어지신 승객분 이마에서 피가 마니 나요 버스 안이에요",
    "손님이 임신 중이신데 진통이 오고 애가 나올 것 같대요 지금 택시 안이에요",
    "분리수거하다 보니 상자 안에 탯줄 달린 아기가 있어요",
    "아이가 사탕이 걸려서 하임리히를 하고 있는데 안 빠져요",
    "가게 앞에서 어떤 남자가 시너를 뿌리고 불 지르겠다고 해요",
    # someone down on the railway tracks (urgent probe 12)
    "여기 종로삼가역인데요 취객이 선로로 떨어졌어요 열차 온대요",
    "승강장 밑 선로에 아이가 내려가 있어요 빨리요",
    # smoke with a word of degree, after the caller says it is not a fire (urgent probe 13)
    "불은 아닌 것 같은데 버스 뒤쪽 배터리 있는 데서 연기가 계속 나요",
]
POSITIVES_112 = [
    # an abduction told by a third party while it goes on; a child begging not to be hit
    "버스 기사인데요 승객이 메모를 보여줬는데 지금 납치하는 중이라고 써 있어요",
    "옆집에서 애가 잘못했어요 때리지 마세요 하고 울면서 빌어요",
    # a child heard being hit; someone dragged into a vehicle
    "윗집에서 아이 맞는 소리가 퍽퍽 나요 어른이 소리를 지르고 있어요",
    "편의점 앞에서 남자가 여자를 끌어서 차에 밀어 넣었어요 지금 출발했어요",
    "전입신고 하려는데 지금 밖에 누가 문을 부수려고 해요",
    "지금 남편이 저를 때리고 있어요",
    "아빠가 엄마를 때려요",
    "누가 계속 따라와요 무서워요",
    "모르는 사람이 집에 들어왔어요",
    "어떤 남자가 칼을 들고 위협하고 있어요",
    "아이가 없어졌어요",
    # out of reach, and the shared location has not moved for hours
    "아들이 배달 나갔는데 연락이 없어요 위치 찍힌 게 두 시간째 그대로예요",
    # a child named by school and counted, gone from sight by a hazard (urgent probe 16's kind)
    "하천 둑 쪽에서 놀던 유치원생 한명이 물가에서 안 보여요",
    "우리 애가 납치된 것 같아요",
    "전 남자친구가 죽여버리겠다고 협박해요",
    "밖에서 술 취한 사람이 난동을 부려요",
    "지하철에서 몰카를 찍고 있어요",
    "가정폭력 당하고 있어요",
    "경찰 좀 불러 주세요",
    "현관문을 발로 차고 있어요",
    "택시 기사가 저를 때렸어요",
    "어제 남편한테 맞았는데 지금 또 때려요",
    "옆집에서 남자가 소리 지르면서 여자를 때리는 소리가 나요",
    "모르는 남자가 집 앞까지 쫓아왔어요",
    "편의점에 강도가 들었어요",
    "치매 있는 아버지가 집에 안 들어오세요",
    "지하철에서 누가 제 몸을 만지고 있어요",
    "누가 저희 집 도어락 비밀번호를 누르고 있어요",
    "길에서 어떤 남자가 여자를 끌고 가요",
    "아이가 놀이터에서 사라졌어요",
    "모르는 사람한테 납치당할 뻔했어요 지금도 근처에 있어요",
    # held against one's will, a weapon half seen, after an ordinary question (urgent probe 7)
    "콜택시 탔는데요 세워 달라고 했는데도 안 세워 주고 고속도로로 올라가요",
    "지금 차 안인데 이 사람이 문을 잠그고 이상한 곳으로 가고 있어요",
    "주차 문의하려고 했는데 어떤 아저씨가 제 손목을 잡고 놔 달라고 해도 안 놔요",
    "쓰레기 버리러 나왔는데 저쪽에서 누가 흉기 같은 거 들고 서 있어요",
    # someone vulnerable who never arrived (urgent probe 9)
    "발달장애 있는 동생이 복지관 간다고 나갔는데 복지관엔 안 왔대요",
    "치매 있으신 어머니가 아침에 나가셔서 아직 안 들어오셨어요",
    # a robber named in a short cry for help (the short probe)
    "도와주세요 강도가 있어요",
    # a stranger taking out a weapon, someone pushing in past the door, asked about (urgent
    # probe 10)
    "버스 뒷자리 남자가 가방에서 흉기를 꺼냈어요 내려야 될까요",
    "가스 점검 왔다고 해서 문 열었는데 밀치고 들어왔어요 이거 신고해도 돼요",
    "강도가 들어와서 제발 빨리요",
]
POSITIVES_109 = [
    # pills put by "좀", and ending it all as a plan (probe calls)
    "별건 아닌데 약을 좀 모아 놨어요 주말에 먹으려고요",
    "그냥 오늘 밤에 다 끝낼까 생각 중이에요",
    "더 이상 살고 싶지 않아요",
    "다 끝내고 싶어요",
    "죽고 싶다",
    "옥상에 올라와 있어요",
    "약을 한꺼번에 다 먹으면 어떻게 돼요",
    "유서를 써 놨어요",
    "제가 없어지면 다들 편하겠죠",
    "신청은 취소할게요 어차피 저 다음 주면 없을 거니까요",
    "한강 다리 위에 서 있어요 뛰어내리려고요",
    "목을 매려고 끈을 샀어요",
    "그냥 사라지고 싶어요",
    "수면제를 모아 놨어요",
    "손목을 그었어요",
    "요즘 자살 생각이 자꾸 들어요",
    "사는 게 의미가 없어요",
    "예전에 죽고 싶었던 적이 있는데 요즘 또 그래요",
    "번개탄을 사 놨어요",
    "세상을 떠나고 싶어요",
    "수면제 한 통을 다 먹으면 죽나요",
    "목 맬 데를 찾고 있어요",
    "마포대교 위에 와 있어요",
    "살아갈 이유가 없어요",
    "저 하나 없어져도 아무도 모를 거예요",
    "손목에 상처를 계속 내고 있어요",
    "이번 생은 여기까지인 것 같아요",
    "약을 잔뜩 모아 놨어요 오늘 먹을 거예요",
    "지금 높은 데 올라와 있어요 뛰어내릴 거예요",
    # the means saved up, said after an ordinary question
    "주민세 물어보려고 했는데 이제 상관없어요 수면제 두 달 치 모아 놨어요",
    # where the caller is now, or what is lit or taken, after an ordinary question (urgent
    # probe 4), and being gone soon, or one's own funeral arranged for a day named soon
    "등본 떼는 거 물어보려다가요 지금 창틀에 걸터앉아 있어요",
    "수급 신청 그만둘래요 지금 차 안에 연탄 피웠어요",
    "저 지금 선로로 뛰어내리려고요",
    "과태료 때문에 전화했는데요 지금 옥상이에요",
    "우리 고양이 좀 부탁드려요 내일이면 저 없어요",
    "제 장례 비용 좀 알아보려고요 이번 주면 필요할 거라서요",
    "과태료 낼 필요 없어요 모레 아침이면 저 없을 거예요",
    # a blade held to one's own wrist at a counter (urgent probe 11)
    "창구 앞에서 민원인이 면도날을 자기 손목에 대고 있어요",
]


# Roads, traffic and public transport (urgent probes 18 and 20, docs/probes.md): people in the way
# of vehicles now, which the classifier read as a parking report, a taxi complaint or a subway
# question. Our own sentences, one or two for each kind the probes showed.
ON_THE_ROAD = [
    # a vehicle that hit someone, said actively
    ("퇴근길에 봤는데 트럭이 자전거 타던 학생을 쳤어요 학생이 안 일어나요", "119"),
    ("킥보드가 할아버지를 치고 그냥 가 버렸어요 할아버지 누워 계세요", "119"),
    # caught in something that moves
    ("마을버스 앞문에 할머니 손이 꼈는데 기사님이 모르고 가요", "119"),
    ("무빙워크 끝에 아이 옷자락이 말려들었어요 계속 돌아가요", "119"),
    ("엘리베이터 문에 강아지 줄 말고 우리 애 팔이 끼였는데 그대로 내려가요", "119"),
    # down by the wheels, or in the middle of traffic
    ("마을버스에서 내리던 아저씨가 앞바퀴 쪽으로 쓰러지셨어요", "119"),
    ("치매 있으신 할머니가 사거리 한가운데로 걸어가세요 신호 바뀌었는데", "119"),
    ("경부고속도로 갓길을 어떤 남자가 걸어가요 차들이 쌩쌩 지나가요", "119"),
    # a vehicle through a barrier, a driver unfit, a car moving with nobody in it
    ("승용차가 가드레일을 들이받고 둑 아래로 반쯤 떨어져 있어요", "119"),
    ("앞에 가는 버스 기사님이 운전하다가 고개를 떨구셨어요 차가 옆으로 가요", "119"),
    ("화물차 기사님이 운전대에 엎드려서 꼼짝 안 해요 시동은 켜져 있고요", "119"),
    ("언덕에 세워 둔 트럭이 혼자 굴러 내려와요 아래 학원 앞에 애들 있어요", "119"),
    # a head struck and its signs; a baby hurt who does not cry
    ("남편이 사다리에서 떨어지면서 머리를 바닥에 찧었는데 자꾸 토해요", "119"),
    ("애기가 소파에서 떨어져서 머리 부딪혔는데 울지도 않고 축 처졌어요", "119"),
    # smoke rising, fuel poured beside a lighter
    ("시내버스 뒷바퀴 쪽에서 연기가 올라오는데 기사님은 계속 달려요", "119"),
    ("어떤 아저씨가 주유소 옆에서 통에 든 기름을 자기 차에 뿌리고 있어요", "119"),
    # driven at people now; robbery without the word; things thrown at traffic
    ("지금 제 앞에 음주운전 같은 차가 비틀비틀 가요 강변북로예요", "112"),
    ("동부간선도로에 역주행하는 오토바이가 있어요", "112"),
    ("보복운전 당하고 있어요 아까부터 계속 따라오면서 앞을 막아요", "112"),
    ("택시 기사가 차선을 왔다갔다 하면서 몰아요 술 냄새가 나요 내려 달래도 안 세워요", "112"),
    ("가게에 들어온 남자가 옆구리에 뭘 대고 돈 내놓으래요", "112"),
    ("고가도로 위에서 애들이 밑으로 돌멩이를 던지고 있어요 차 유리에 맞았어요", "112"),
]

ON_THE_ROAD_NOT_NOW = [
    # after the ride, to complain about a driver
    "어제 탄 택시가 칼치기를 해서 죽는 줄 알았어요 지금은 내렸고 신고하고 싶어요",
    "아까 음주운전 같은 차를 봤는데 지금은 어디 갔는지 몰라요",
    "기사님이 급출발하고 끼어들기를 계속해서 애가 울었어요 불친절 신고요",
    # vehicles stopped in the road, a wheel in a drain, a door that caught a bag last week
    "택시들이 도로 한복판에 서서 손님을 태워요 단속 좀 해 주세요",
    "자전거 바퀴가 빗물받이에 끼어서 안 빠져요 덮개 좀 바꿔 주세요",
    "지난주에 스크린도어에 가방이 끼어서 찢어졌는데 보상 되나요",
    # a road "like oil", cooking oil, things thrown away
    "아침에 비 와서 도로가 기름 뿌린 것처럼 미끄러워요 모래 좀 뿌려 주세요",
    "누가 밤마다 담배꽁초를 던지고 가요 우리 집 앞이에요",
    # dangerous driving as a standing complaint, a past accident
    "음주운전 단속은 보통 몇 시에 해요",
    "작년에 트럭이 저희 아버지를 쳐서 그 보상 때문에 서류가 필요해요",
]


POSITIVES = (
    [(t, "119") for t in POSITIVES_119]
    + [(t, "112") for t in POSITIVES_112]
    + [(t, "109") for t in POSITIVES_109]
    + ON_THE_ROAD
)

# Administrative or idiomatic sentences that contain emergency-looking words.
NEGATIVES = [
    # the same words with no danger now: a film, a wound already seen to, a car's wheel, play
    "납치하는 영화 제목이 뭐였죠 주말에 보려고요",
    "머리에서 피가 나서 응급실 가서 꿰매고 왔어요 치료비 지원되나요",
    "도로가 꺼져서 차 바퀴가 빠졌어요 견인 불러야 하나요",
    "정전돼서 불이 꺼져서 애가 침대에서 떨어졌어요 안 다쳤어요 전기 언제 들어와요",
    "애들이 놀면서 때리지 마 하고 웃으면서 뛰어다녀요 층간소음이에요",
    "빌라 앞 놀이터에서 애들이 때리지 마 그러면서 뛰어다녀요 시끄러워요",
    # a blow already reported and investigated
    "학원 선생님이 애를 때렸다고 해서 신고했고 경찰 조사도 다 끝났어요 학원 옮기려고요",
    # siblings fighting among themselves; a child put in a car to go home
    "남매끼리 장난감 가지고 싸우면서 때리지 마 하고 울고불고 해요 원래 이래요",
    "학원 끝나고 애를 차에 태워서 데려왔어요 학원 차량 시간 좀 물어보려고요",
    # a language not spoken is the foreign-language desk, not a stroke
    "할머니가 한국말을 못하시는데 외국인 상담 되나요",
    "아버지가 중국분이라 한국 말씀을 못 하시는데 통역 되나요",
    # a manhole cover that rattles, lifts a little or is missing, with no flood: a roads matter
    "맨홀 뚜껑이 차 지나갈 때마다 들썩들썩해요 사람들 지나갈 때 시끄러워요",
    "맨홀 뚜껑이 튀어나와 있어서 사람들이 걸려 넘어질 것 같아요 고쳐 주세요",
    # a pregnancy and blood in another sense; a location that has not moved, with the person
    # answering
    "임신 중인데 헌혈해도 되나요 피가 모자라다고 해서요",
    "택배 위치가 세 시간째 그대로인데 기사님이 전화를 안 받아요",
    # fell and could not get up, and it is over
    "지난달에 빙판에서 넘어져서 못 일어났었는데 그 길 제설 좀 해 주세요",
    # already on the way to hospital (urgent probe 6)
    "아버지 쓰러지셔서 구급차 따라가느라 차를 두고 갔는데 견인됐어요",
    "기사님이 쓰러지셔서 구급차 타고 가셨고 다음 버스는 언제 와요",
    # measures, news, someone else's insult, a joke taken back, a funeral planned with no date
    # (urgent probe 4)
    "투신 방지 펜스 설치 좀 건의하려고요",
    "어제 지하철 투신 사고 때문에 열차가 늦었대요",
    "시비 붙은 사람이 저한테 한강 가서 뛰어내리라고 했어요 신고되나요",
    "시험 망해서 죽고 싶다 ㅋㅋ 농담이고요 도서관 몇 시까지 해요",
    "제 장례는 나중에 자식들 부담 없게 미리 상조 알아보려고요",
    "연탄 보일러 지원 받을 수 있나요 방에 연탄 때는 집이에요",
    # over, told in the past, or explained when the caller looked (urgent probe 3)
    "어젯밤에 옆 건물 불나서 제 차가 견인됐대요 어디서 찾아요",
    "불난 집에서 카드가 다 타버렸는데 교통카드 잔액 환불 되나요",
    "타는 냄새가 나서 나가 봤더니 알고 보니 근처 공장에서 나는 냄새였어요",
    "약을 한 달 치 모아 놨는데 폐의약품 수거함은 어디 있어요",
    "지난주에 불이 났었는데 지원받을 수 있나요",
    "작년에 화재 났던 집 재산세 감면 되나요",
    "화재경보기 설치 지원 받을 수 있어요?",
    "소화전 앞에 불법주차한 차가 있어요",
    "가스요금 문의하려고요",
    "죽겠어요 너무 더워서",
    "배고파 죽겠다",
    "힘들어 죽겠네",
    "불법 주차 차량 신고하고 싶어요",
    "폭행 사건 재판 결과 알고 싶어요",
    "불이 나면 어디로 대피해야 해요?",
    "화재 발생 시 대피 요령 알려 주세요",
    "불이 난 건 아니고 화재경보기가 계속 울려요",
    "가로수가 쓰러져서 길을 막고 있어요",
    "따릉이 앱이 깔렸는데 로그인이 안 돼요",
    "강도가 높은 운동 강좌 있나요",
    "불길한 예감이 들어서요 과태료 조회 좀",
    "시민의식이 없어요 쓰레기를 아무 데나 버려요",
    "차 타고 가고 있는데 버스 노선 좀 물어볼게요",
    "화가 폭발할 것 같아요 과태료가 또 나왔어요",
    "이 서류 다 끝내고 싶어요 오늘 안에",
    "이 동네 살기 싫어요 이사 가려고요",
    "유서 깊은 절 추천해 주세요",
    "감기약을 다 먹으면 또 처방 받아야 하나요",
    "아이 교통카드를 잃어버렸어요",
    "가정폭력 상담센터 전화번호 알려 주세요",
    "어제 아버지가 쓰러지셔서 입원 중인데 간병비 지원 되나요",
    "윗집 담배 연기가 들어와요",
    # "같은 데서" is "at such a place", not the connective -은데: the smell's clause still holds
    # "마다" (a whole call of probe calls dev)
    "요 며칠 저녁마다 공장 같은 데서 타는 냄새가 심하게 나요",
    # "저번 주", "저번에": last week, last time, as 지난주 and 지난번 are
    "저번 주에 부엌에서 가스 냄새가 살짝 났는데 오늘은 괜찮아요 점검은 어디서 받아요",
    "저번주에 엘리베이터에 갇혔는데 관리사무소에서 아무 연락이 없어요",
    "저번에 집 앞 공사장에서 불이 났는데 그 공사 언제 다시 해요",
    "열불이 나요 진짜",
    "심폐소생술 교육 신청하고 싶어요",
    "요즘 정신이 없어서 과태료를 못 냈어요",
    "자살 예방 교육 신청은 어디서 해요",
    "가로등 불이 나갔어요",
    "핸드폰이 물에 빠졌는데 보상 되나요",
    "한강에 와 있는데 따릉이 반납이 안 돼요",
    "작년에 남편한테 맞았던 일로 소송 중인데 서류 발급이요",
    "불이 난 적이 있는 건물도 임대주택 신청되나요",
    "드라마에서 사람이 쓰러지는 장면 보고 궁금해서요",
    "만약 지진이 나서 건물이 무너지면 어디로 가요",
    "도둑 맞은 자전거 보험 처리 서류",
    "차가 없어졌는데 견인된 건지 궁금해요",
    "수도관이 터져서 물이 새요",
    "만약 불이 나서 사람이 다치면 보상은 어떻게 돼요",
    "드라마에서 남편이 아내를 때리고 있었어요",
    "화재가 났을 때 대피 방법 알려 주세요",
    "어제 누가 쫓아와서 무서웠는데 신고는 어떻게 해요",
    "사람이 쓰러졌는데 지금은 깨어났어요",
    "가스 냄새가 난다고 신고했는데 처리 결과가 궁금해요",
    "경련을 할 때 응급처치 교육 신청하려고요",
    "꿈에서 불이 났어요 해몽 말고 그냥 웃겨서요",
    "작년 화재 피해 복구 지원금 신청",
    "가스 점검 날짜 바꾸고 싶어요",
    "폭행 피해자 지원 제도가 있나요",
    "교통사고 났던 거 보험 처리 서류 떼려고요",
    "어제 술 취한 사람이 싸워서 시끄러웠어요 소음 민원 넣을게요",
    "전기가 나가서 불이 안 켜져요",
    "죽을 만큼 힘들었던 이사도 끝났어요 이제 전입신고 하려고요",
    "도둑고양이가 쓰레기를 뒤져요",
    "물에 잠긴 도로 사진 봤는데 지금 통행 가능해요?",
    "건물 붕괴 위험 안전진단 신청하려고요",
    "숨넘어가게 바빠요 빨리 좀 처리해 주세요",
    "다 끝내고 싶어요 오늘 서류 처리를",
    "쓰러져 가는 집 수리 지원 있나요",
    "이사 때문에 죽을 맛이에요 전입신고는 어떻게 해요",
    "때리는 건 아니고 층간소음이 심해요",
    "마지막으로 전화드렸을 때 담당자가 누구였죠",
    "어르신 실종 예방 배회감지기 신청",
    "작년에 물에 빠진 아이 구해서 표창 받았어요",
    "한강 다리 야경 명소 알려 주세요",
    "화재 대피 훈련 일정 알려 주세요",
    "폭염에 쓰러지지 않게 무더위 쉼터 어디 있어요",
    "침수 피해 주택 복구비 신청은 어디서 해요",
    "이러다 쓰러지겠어요 민원이 너무 안 풀려요",
    "아이 잃어버림 방지 팔찌 신청",
    "남편이 예전에 때렸던 일로 이혼 소송 서류 발급",
    "약 모아서 폐의약품 수거함에 버리려고요",
    "남은 약을 모아 뒀는데 어디에 버려요",
    "제가 없으면 아이 돌봐줄 사람이 없어서 돌봄 서비스 신청하려고요",
    # a fall that already happened, told to ask for help with its costs
    "아내가 갑자기 쓰러져서 수술했는데 생활비가 막막해요",
    "아버지가 갑자기 쓰러지셔서 병원비가 많이 나왔어요 나라에서 도와주는 거 있어요",
    # a smell one "can't breathe" for, and people who might trip
    "음식물 쓰레기 냄새 때문에 숨을 못 쉬겠어요 수거 좀 빨리 해 주세요",
    "보도블록이 들려서 어르신들 넘어질 것 같아요 고쳐 주세요",
    "가로등이 기울어져 있어요 바람 불면 넘어질 것 같아요",
    # over: rescued, what is left to throw away, a smell that turned out harmless
    "아파트 엘리베이터에 갇혔다가 관리실에서 꺼내 줬어요 점검 좀 해 달라고요",
    "베란다에 불 나서 그을린 장롱이랑 이불 버려야 하는데 어떻게 해요",
    "연기가 나서 나가 보니까 앞집에서 고기 굽는 거였어요 매일 그래요",
    "가수 콘서트 표 예매가 안 돼요",
    # a crime on a named past day or at a former home, asked about afterwards (urgent probe 7),
    # a driver's detour, a child who clings
    "지난 토요일에 지하철에서 술 취한 사람이 난동을 부렸는데 역무원이 안 왔어요",
    "전에 살던 동네에서 누가 따라와서 이사 왔는데 안심귀가 서비스 있어요",
    "택시 기사가 이상한 데로 돌아가서 요금이 두 배 나왔어요",
    "애가 제 팔을 잡고 안 놔서 통화가 힘드네요 어린이집 대기 신청 물어볼게요",
    # an ordinary smell, a late arrival without a vulnerable person, water that is late
    "옆집에서 며칠째 청국장 냄새가 나요 창문을 못 열겠어요",
    "쓰레기가 문 앞에 쌓여서 냄새가 나요 연락도 안 되는 집이에요",
    "택배가 아직 안 왔어요 배송 조회가 안 돼요",
    "단수 끝났다는데 두 시간째 물이 안 올라와요",
    "치매 검사 예약했는데 어머니가 보건소에 안 오셨대요 다시 예약할게요",
    # a baby's clothes in a box, a cramp, a fuel tank filled, fire safety at times of fire
    "박스에 아기 옷 넣어서 기부하려고요 어디로 보내요",
    "다리에 쥐가 나서 잠을 못 자요 보건소 몇 시까지 해요",
    "주유소에서 기름을 부었는데 영수증을 잃어버렸어요",
    "지진 발생 시 대피 장소가 어디예요",
    # a sunburn, a face that sags with age, a knife for fruit
    "바닷가에서 타서 어깨 껍질이 다 벗겨졌어요",
    "나이 드니까 얼굴이 처져서 고민이에요 피부과 추천해 주세요",
    "칼 꺼내서 과일 깎다가 전화했어요 재산세 문의요",
    # 강도 as a strength, even with a request for help
    "운동 강도가 너무 세서 그런데 프로그램 좀 추천해 주세요",
    # not being here for a reason
    "어차피 다음 달에 이사 가서 없을 거라 전입신고 미리 하려고요",
    "어차피 그날 집에 없을 거라 문 앞에 내놓을게요",
    # a phone on the tracks, and a bill "like a fire" (urgent probe 12)
    "이어폰이 선로에 떨어졌는데 역무원한테 말하면 주워 줘요",
    "관리비가 불난 것처럼 올랐어요 이거 어디다 따져요",
    # a price called robbery, and a smell mistaken for gas (urgent probe 13)
    "주차비를 한 시간에 만 원 받는대요 이거 완전 강도예요",
    "견인비가 이십만 원이래요 날강도야 날강도",
    "타는 냄새인 줄 알고 나가 봤더니 옆집 고기 굽는 거였어요 매일 이래요",
    # a statement of reasons (사유서), and a burning smell every evening (calls dev)
    "과태료 억울해서 사유서 내려고 하는데 어디로 보내요",
    "매일 밤 아홉 시쯤 공장 쪽에서 타는 냄새가 넘어와서 창문을 못 열어요",
    # mould one "can't breathe" for, and a fight the police have already been to (urgent probe 14)
    "곰팡이 때문에 숨을 못 쉬겠어요 집주인이 안 고쳐 줘요",
    "윗집이랑 싸움나서 어제 경찰까지 왔었어요 또 그럴까 봐 무서워요",
    # a task to be finished, named before (probe calls)
    "공사를 이번 주에 다 끝낼 거래요 소음은 언제까지예요",
    "숙제 다 끝낼까 해서 도서관 몇 시까지 해요",
    *ON_THE_ROAD_NOT_NOW,
]


@pytest.mark.parametrize(("text", "line"), POSITIVES)
def test_fires_on_ongoing_danger_with_the_right_line(text: str, line: str) -> None:
    cue = detect_emergency(text)
    assert cue is not None, text
    assert cue.line == line
    assert cue.matched_text and cue.matched_text in text


@pytest.mark.parametrize("text", NEGATIVES)
def test_ignores_past_resolved_hypothetical_and_idiomatic_mentions(text: str) -> None:
    assert detect_emergency(text) is None


@pytest.mark.parametrize(("text", "line"), POSITIVES)
def test_survives_recognizer_spacing_noise(text: str, line: str) -> None:
    no_spaces = "".join(text.split())
    extra_spaces = " ".join(no_spaces[i : i + 2] for i in range(0, len(no_spaces), 2))
    for noisy in (no_spaces, extra_spaces):
        cue = detect_emergency(noisy)
        assert cue is not None, noisy
        assert cue.line == line


@pytest.mark.parametrize("text", NEGATIVES)
def test_spacing_noise_does_not_create_false_alarms(text: str) -> None:
    assert detect_emergency("".join(text.split())) is None


def test_the_same_event_past_versus_now() -> None:
    assert detect_emergency("지난주에 불이 났었는데 지원받을 수 있나요") is None
    now = detect_emergency("지금 불이 났어요 지원은 나중에 물어볼게요")
    assert now is not None and (now.line, now.category) == ("119", "fire")


def test_ongoing_danger_after_an_administrative_opening_fires() -> None:
    cue = detect_emergency("전입신고 하려는데 지금 밖에 누가 문을 부수려고 해요")
    assert cue is not None
    assert (cue.line, cue.category) == ("112", "intrusion")
    assert cue.matched_text == "문을 부수"


def test_medical_cue_mentioned_in_passing_reports_original_words() -> None:
    text = "버스 정류장 물어보려 했는데 지금 옆에 사람이 쓰러져서 숨을 안 쉬어요"
    cue = detect_emergency(text)
    assert cue is not None
    assert (cue.line, cue.category) == ("119", "medical")
    assert cue.matched_text == "쓰러져"


def test_the_heard_reading_finds_cues_spelt_as_they_sound_and_quotes_the_caller() -> None:
    text = "아이가 수믈 않 쉬어요 어떻해요"
    heard = "아이가 숨을 않 쉬어요 어떻해요"
    assert detect_emergency(text) is None
    cue = detect_emergency(text, heard=heard)
    assert cue is not None
    assert (cue.line, cue.category, cue.matched_text) == ("119", "medical", "수믈 않 쉬어요")


def test_the_heard_reading_is_only_a_second_look() -> None:
    # a cue in the transcript itself is reported from the transcript
    cue = detect_emergency("불이 났어요", heard="불이 났어요")
    assert cue is not None and cue.matched_text == "불이 났"
    # a reading that does not match word for word is not used
    assert detect_emergency("아이가 수믈 안 쉬어요", heard="아이가 숨을안 쉬어요") is None
    # nor does it invent a cue that no reading holds
    assert detect_emergency("버스 언제 와요", heard="버스 언제 와요") is None


def test_physical_danger_takes_the_line_before_suicide_risk() -> None:
    overdose = detect_emergency("죽고 싶어서 수면제를 한꺼번에 다 먹었어요")
    assert overdose is not None and overdose.line == "119"
    beaten = detect_emergency("남편이 때려서 죽고 싶어요")
    assert beaten is not None and beaten.line == "112"


def test_suicide_risk_is_not_dismissed_as_past_or_hypothetical() -> None:
    """Past ideation and "what if" questions are risk signals, unlike a past fire."""
    for text in (
        "예전에 죽고 싶었던 적이 있어요",
        "만약 제가 없어지면 어떻게 될까요",
        # Hyperbole with a real predicate still goes to 109: a counsellor can tell, rules cannot.
        "과태료 때문에 죽고 싶을 정도예요 분납 되나요",
    ):
        cue = detect_emergency(text)
        assert cue is not None and cue.line == "109", text


def test_idiomatic_dying_is_not_suicide_risk() -> None:
    for text in ("더워 죽겠어요", "배고파 죽겠다", "힘들어 죽겠네", "웃겨 죽는 줄 알았어요"):
        assert detect_emergency(text) is None, text


def test_a_guarded_mention_does_not_hide_a_later_real_one() -> None:
    text = "작년에 불났던 집인데요, 지금 또 불이 났어요"
    cue = detect_emergency(text)
    assert cue is not None and cue.line == "119"
    assert text.index(cue.matched_text) > text.index("지금")


def test_resolution_after_the_cue_closes_it() -> None:
    assert detect_emergency("불이 났는데 지금은 다 꺼졌어요") is None
    assert detect_emergency("불이 났는데 아직 안 꺼졌어요") is not None


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("저번 주에 맞았는데 지금 또 때리려고 해요 빨리 와 주세요", "112"),
        ("저번에도 그랬는데 지금 또 옆집에서 불이 났어요", "119"),
    ],
)
def test_last_time_does_not_hide_a_danger_now(text: str, line: str) -> None:
    cue = detect_emergency(text)
    assert cue is not None and cue.line == line


def test_a_place_said_with_deseo_does_not_end_a_clause() -> None:
    """ "공장 같은 데서" holds 은데 but ends no clause; a fire there is still one."""
    cue = detect_emergency("저기 공장 같은 데서 불이 났어요 연기가 엄청 나요")
    assert cue is not None and cue.category == "fire"


def test_empty_and_blank_text() -> None:
    assert detect_emergency("") is None
    assert detect_emergency("   \n ") is None


def test_flooded_underpass_with_cars_trapped_fires() -> None:
    # missed by the first version (found on the dev split): "물이 차서" + cars that cannot get out
    cue = detect_emergency("지하차도에 물이 차서 차들이 못 빠져나가요")
    assert cue is not None and cue.line == "119" and cue.category == "flood"
    assert detect_emergency("지하 주차장에 물이 차서 차가 잠기고 있어요") is not None
    assert detect_emergency("물통에 물이 차서 넘쳐요") is None
    assert (
        detect_emergency("비 올때 지하차도에 물이 차서 통행 불편해요 배수구 정비해 주세요") is None
    )


def test_while_is_not_if() -> None:
    """ "-면서" (while) is not "-면" (if): a car chasing one now is not a hypothetical."""
    cue = detect_emergency("어떤 차가 계속 제 차를 쫓아오면서 옆으로 밀어붙여요")
    assert cue is not None and cue.line == "112"
    assert detect_emergency("누가 쫓아오면 어디로 도망가야 하는지 알려 주세요") is None
