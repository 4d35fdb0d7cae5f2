"""Guards against text Whisper invents: blocklisted phrases, repetition loops, no-speech.

Whisper was trained on subtitled video, so on silence, noise or hard audio it produces the
subtitle boilerplate it saw most ("시청해주셔서 감사합니다", "구독과 좋아요", "MBC 뉴스 ...")
or loops on one phrase until its token budget runs out. A call centre must never act on
that text, so these pure functions decide, segment by segment, what is kept and why.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from models.speech.transcript import DroppedSegment, TranscriptSegment

# Subtitle boilerplate and sign-offs Whisper hallucinates, matched after normalisation
# (case, spaces and punctuation ignored). Kept specific: "좋아요" or "감사합니다" alone are
# things callers really say.
DEFAULT_HALLUCINATION_PHRASES: tuple[str, ...] = (
    "시청해주셔서 감사합니다",
    "시청해 주셔서 고맙습니다",
    "시청해주셔서 고맙습니다",
    "끝까지 시청해주셔서",
    "구독과 좋아요",
    "구독 좋아요",
    "좋아요와 구독",
    "좋아요 구독",
    "구독 부탁",
    "구독해 주세요",
    "구독하기",
    "알림 설정",
    "MBC 뉴스",
    "KBS 뉴스",
    "SBS 뉴스",
    "YTN 뉴스",
    "JTBC 뉴스",
    "자막 제공",
    "자막 제작",
    "한국어 자막",
    "자막 by",
    "다음 영상에서 만나요",
    "영상 편집",
    "thank you for watching",
    "thanks for watching",
    "please subscribe",
    "subtitles by",
    "amara.org",
    "ご視聴ありがとうございました",
    "チャンネル登録",
    "请不吝点赞",
    "订阅",
    "字幕由",
)

_SEPARATORS = r"[\s,.!?~·…、。，！？]*"


def normalize(text: str) -> str:
    """Casefolded NFKC text with whitespace and punctuation removed, for phrase matching."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] in "LN")


def find_hallucination(text: str, phrases: tuple[str, ...]) -> str | None:
    """The first blocklisted phrase contained in ``text``, or None."""
    flat = normalize(text)
    if not flat:
        return None
    for phrase in phrases:
        key = normalize(phrase)
        if key and key in flat:
            return phrase
    return None


def collapse_repetitions(
    text: str, *, min_repeats: int = 3, max_unit_chars: int = 50, min_digit_repeats: int = 8
) -> tuple[str, int]:
    """Collapse a phrase repeated ``min_repeats``+ times in a row to one copy.

    Returns the new text and how many runs were collapsed. A run of a digits-only unit
    needs ``min_digit_repeats`` copies, so phone numbers such as 010-1111-2222 survive.
    """
    if min_repeats < 2:
        raise ValueError("min_repeats must be at least 2")
    unit = rf"(?P<unit>\S.{{0,{max_unit_chars - 1}}}?)"
    pattern = re.compile(rf"{unit}(?:{_SEPARATORS}(?P=unit)){{{min_repeats - 1},}}", re.DOTALL)
    collapsed = 0

    def replace_run(match: re.Match[str]) -> str:
        nonlocal collapsed
        unit = match.group("unit")
        if normalize(unit).isdigit():
            copies = len(re.findall(re.escape(unit), match.group(0)))
            if copies < min_digit_repeats:
                return match.group(0)
        collapsed += 1
        return unit

    result = pattern.sub(replace_run, text)
    return result, collapsed


@dataclass(frozen=True, slots=True)
class GuardRules:
    """When a decoded segment is dropped. ``None`` turns a rule off.

    - no-speech: ``no_speech_prob > no_speech_prob`` and ``avg_logprob < no_speech_logprob``
      (Whisper's own silence rule, applied per segment instead of skipping whole windows);
    - low log-prob: ``avg_logprob < min_avg_logprob`` whatever the no-speech probability;
    - loop over non-speech: a repetition loop was collapsed and ``no_speech_prob`` exceeds
      ``loop_no_speech_prob`` (Whisper looping on a silent or noisy stretch);
    - blocklist: the text contains one of ``hallucination_phrases``;
    - prompt echo: the text (6+ characters) is a piece of the hotwords / initial prompt.
    """

    no_speech_prob: float | None = 0.6
    no_speech_logprob: float | None = -1.0
    min_avg_logprob: float | None = -1.8
    loop_no_speech_prob: float | None = 0.5
    collapse_min_repeats: int | None = 3
    hallucination_phrases: tuple[str, ...] = DEFAULT_HALLUCINATION_PHRASES
    prompt: str = ""


@dataclass(frozen=True, slots=True)
class GuardResult:
    kept: list[TranscriptSegment]
    dropped: list[DroppedSegment]
    loops: int  # repetition runs collapsed in the kept and dropped segments together
    looped: list[bool]  # per kept segment: was a loop collapsed in it


def apply_guards(segments: list[TranscriptSegment], rules: GuardRules) -> GuardResult:
    kept: list[TranscriptSegment] = []
    looped: list[bool] = []
    dropped: list[DroppedSegment] = []
    loops = 0
    prompt_flat = normalize(rules.prompt)
    repeats, run_starts = _repeated_segments(segments, rules.collapse_min_repeats)
    for index, segment in enumerate(segments):
        # a loop cut off at the token budget can end inside a multi-byte character
        text = segment.text.replace("\ufffd", "").strip()
        runs = 0
        if rules.collapse_min_repeats is not None:
            text, runs = collapse_repetitions(text, min_repeats=rules.collapse_min_repeats)
        current = replace(segment, text=text)
        if index in repeats:  # the loop ran across segments: keep its first copy only
            loops += repeats[index]
            dropped.append(DroppedSegment(segment=current, reason="repeat"))
            continue
        loops += runs
        if index in run_starts:  # the first copy of a loop is judged as a loop too
            runs += 1
        reason = _drop_reason(current, runs, rules, prompt_flat)
        if reason is None:
            kept.append(current)
            looped.append(runs > 0)
        else:
            dropped.append(DroppedSegment(segment=current, reason=reason))
    return GuardResult(kept=kept, dropped=dropped, loops=loops, looped=looped)


def _repeated_segments(
    segments: list[TranscriptSegment], min_repeats: int | None
) -> tuple[dict[int, int], set[int]]:
    """Segments that repeat the one before them, in runs of ``min_repeats``+.

    Returns the indexes to drop (mapped to 1 for the first repeat of a run, so a run counts
    as one loop, and 0 for the others) and the index where each run starts.
    """
    if min_repeats is None:
        return {}, set()
    flats = [normalize(s.text) for s in segments]
    drop: dict[int, int] = {}
    starts: set[int] = set()
    start = 0
    for i in range(1, len(flats) + 1):
        if i < len(flats) and flats[i] and flats[i] == flats[start]:
            continue
        if flats[start] and i - start >= min_repeats:
            starts.add(start)
            for j in range(start + 1, i):
                drop[j] = 1 if j == start + 1 else 0
        start = i
    return drop, starts


def _drop_reason(
    segment: TranscriptSegment, runs: int, rules: GuardRules, prompt_flat: str
) -> str | None:
    flat = normalize(segment.text)
    if not flat:
        return "empty"
    if (
        rules.no_speech_prob is not None
        and segment.no_speech_prob > rules.no_speech_prob
        and (rules.no_speech_logprob is None or segment.avg_logprob < rules.no_speech_logprob)
    ):
        return "no_speech"
    if rules.min_avg_logprob is not None and segment.avg_logprob < rules.min_avg_logprob:
        return "low_logprob"
    if (
        runs
        and rules.loop_no_speech_prob is not None
        and segment.no_speech_prob > rules.loop_no_speech_prob
    ):
        return "loop_no_speech"
    if find_hallucination(segment.text, rules.hallucination_phrases) is not None:
        return "blocklist"
    if prompt_flat and len(flat) >= 6 and flat in prompt_flat:
        return "prompt_echo"
    return None
