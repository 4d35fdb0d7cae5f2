"""Routing policy: answer from the FAQ, hand to a department queue, or escalate an emergency.

The costs are asymmetric and the rules follow them: an emergency must never wait (so a low
classifier probability or a single rule cue is enough to escalate), and a wrong automatic
answer about a fine, a tax or a benefit costs more than a handoff (so answering automatically
needs a confident, unambiguous intent, clean audio and an FAQ entry that really matches).

:func:`decide` is a plain function of its inputs, so every decision can be replayed from the
consultation log and the policy tested without models.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from models.taxonomy import Taxonomy
from routing.emergency import EmergencyCue, detect_agent_request, detect_emergency
from routing.faq import FaqMatch

RouteType = Literal["faq", "agent", "urgent"]

EMERGENCY_DEPARTMENT = "emergency"
FOREIGN_DEPARTMENT = "foreign"
GENERAL_DEPARTMENT = "general"
AGENT_REQUEST_INTENT = "general.agent_request"
DEFAULT_EMERGENCY_LINE = "119"
KOREAN = "ko"

# Machine-readable reason codes stored with every decision.
REASON_EMERGENCY_INTENT = "emergency_intent"  # the classifier: top intent or above the floor
REASON_EMERGENCY_CUE = "emergency_cue"  # the rule detector alone
REASON_FOREIGN_LANGUAGE = "foreign_language"  # a language the foreign desk serves
REASON_UNSUPPORTED_LANGUAGE = "unsupported_language"  # other non-Korean (often misdetection)
REASON_NO_SPEECH = "no_speech"
REASON_AGENT_REQUESTED = "agent_requested"
REASON_AGENT_INTENT = "agent_intent"
REASON_FAQ_ANSWER = "faq_answer"
REASON_LOW_CONFIDENCE = "low_confidence"
REASON_AMBIGUOUS = "ambiguous"
REASON_LOW_ASR_CONFIDENCE = "low_asr_confidence"
REASON_NO_FAQ_MATCH = "no_faq_match"

REASON_CODES = (
    REASON_EMERGENCY_INTENT,
    REASON_EMERGENCY_CUE,
    REASON_FOREIGN_LANGUAGE,
    REASON_UNSUPPORTED_LANGUAGE,
    REASON_NO_SPEECH,
    REASON_AGENT_REQUESTED,
    REASON_AGENT_INTENT,
    REASON_FAQ_ANSWER,
    REASON_LOW_CONFIDENCE,
    REASON_AMBIGUOUS,
    REASON_LOW_ASR_CONFIDENCE,
    REASON_NO_FAQ_MATCH,
)


@dataclass(frozen=True, slots=True)
class PolicyConfig:
    min_confidence: float = 0.6  # top intent probability needed to answer automatically
    min_margin: float = 0.2  # top1 - top2 probability needed to answer automatically
    min_faq_similarity: float = 0.8  # cosine of the best FAQ entry of the top intent
    max_no_speech_prob: float = 0.6  # ASR: above this the words are likely noise
    min_avg_logprob: float = -1.0  # ASR: below this the words are likely misheard
    # Escalate when P(urgent intents) reaches this, even if another intent is on top:
    # missing an emergency is worse than a false alarm.
    emergency_floor: float = 0.2
    # The confidence a consultation reports for an urgent intent when an emergency cue fired
    # and the classifier had another intent on top (``served_scores``): how often the cue was
    # right there, 88 of 95 lines of dev and every probe on 2026-12-02 (0.926), rounded down.
    emergency_cue_confidence: float = 0.9
    foreign_languages: tuple[str, ...] = ("en", "zh", "ja", "vi", "mn")


@dataclass(frozen=True, slots=True)
class AsrQuality:
    """Speech-recognition confidence of the caller's transcript (None for the text channel)."""

    no_speech_prob: float | None = None
    avg_logprob: float | None = None


@dataclass(frozen=True, slots=True)
class RouteDecision:
    type: RouteType
    department: str
    reason: str  # one of REASON_CODES
    faq_id: str | None = None  # set only for type "faq"
    transfer_line: str | None = None  # "119" | "112" | "109", set only for type "urgent"
    emergency: EmergencyCue | None = None  # the rule cue behind an urgent decision, if any


@dataclass(frozen=True, slots=True)
class ScoreSummary:
    top_intent: str | None
    confidence: float  # probability of the top intent (0 when there are no scores)
    margin: float  # top1 - top2 (top1 when there is a single score)


def summarize_scores(intent_scores: Sequence[tuple[str, float]]) -> ScoreSummary:
    """Top intent, its probability and its margin over the runner-up, whatever the input order."""
    ranked = sorted(intent_scores, key=lambda pair: -float(pair[1]))
    if not ranked:
        return ScoreSummary(top_intent=None, confidence=0.0, margin=0.0)
    first = float(ranked[0][1])
    second = float(ranked[1][1]) if len(ranked) > 1 else 0.0
    return ScoreSummary(top_intent=ranked[0][0], confidence=first, margin=first - second)


def _urgent(intent: str, taxonomy: Taxonomy) -> bool:
    """An intent of the taxonomy whose default route is ``urgent``."""
    return intent in taxonomy.intents and taxonomy.intents[intent].route == "urgent"


def urgent_probability(intent_scores: Sequence[tuple[str, float]], taxonomy: Taxonomy) -> float:
    """Total probability of the intents whose default route is ``urgent``."""
    return sum(float(p) for intent, p in intent_scores if _urgent(intent, taxonomy))


def served_scores(
    intent_scores: Sequence[tuple[str, float]],
    decision: RouteDecision,
    taxonomy: Taxonomy,
    *,
    cue_confidence: float,
) -> list[tuple[str, float]]:
    """The intent scores a consultation reports: the classifier's, unless an emergency cue
    fired while the classifier had another intent on top; then the urgent intent the classifier
    ranks highest comes first with ``cue_confidence`` (or its own probability, if higher) and
    the others keep their order and share what is left in their proportions, so the
    classifier's guess is second.

    Why: a call transferred to 119 on a cue while its record, the API and ``callcenter
    classify`` say ``water.leak`` tells the agent, the supervisor's statistics and the reviewer
    something the service did not do. Over the 10,357 labelled lines of dev and every probe
    (2026-12-02), a cue fired on 95 lines with another intent on top, 88 of them emergencies
    (the other 7, past suicide attempts and self-harm among them, routing sends out too):
    served, top-1 is 0.967 against the classifier's 0.959, and 1885 of 1895 emergencies are on
    top against 1797 (with probe l, urgent probes 18 to 20 and the cues added since: 2194 of 2200
    over 11,294 lines, with 8 non-emergencies). Calls escalated by the floor
    (``emergency_floor``) with no cue keep the classifier's top: the floor is a margin of
    caution, not a reading of the call, and reporting them as emergencies too would put 44
    look-alikes there, where the cues put 7."""
    scores = sorted(((str(i), float(p)) for i, p in intent_scores), key=lambda pair: -pair[1])
    if decision.type != "urgent" or decision.emergency is None or not scores:
        return scores
    if _urgent(scores[0][0], taxonomy):
        return scores  # the classifier read it so: its own confidence stands
    ranked = [i for i, _ in scores] + list(taxonomy.intents)  # the classifier's order first
    first = next((i for i in ranked if _urgent(i, taxonomy)), None)
    if first is None:
        return scores
    own = dict(scores).get(first, 0.0)
    confidence = max(cue_confidence, own)
    share = (1.0 - confidence) / (1.0 - own) if own < 1.0 else 0.0
    return [(first, confidence)] + [(i, p * share) for i, p in scores if i != first]


def normalize_language(language: str | None) -> str:
    """``"ko-KR"`` → ``"ko"``; None or empty (text channel) counts as Korean."""
    if not language:
        return KOREAN
    return language.strip().lower().replace("_", "-").split("-")[0] or KOREAN


def decide(
    *,
    transcript: str,
    language: str | None,
    asr: AsrQuality | None,
    intent_scores: Sequence[tuple[str, float]],
    faq_matches: Sequence[FaqMatch],
    taxonomy: Taxonomy,
    config: PolicyConfig,
    heard: str | None = None,
) -> RouteDecision:
    """Route one consultation; the first rule that applies wins.

    ``heard`` is the transcript as the classifier read it, with words spelt as they sound
    respelt; the emergency cues and the wish for a person are looked for in it as well.

    1. urgent: top intent is an ``urgent`` intent, or P(urgent intents) >= emergency_floor,
       or the rule detector finds an emergency cue (even if the classifier disagrees);
       transfer_line from the cue, else 119;
    2. non-Korean language → foreign desk;
    3. empty transcript → general, ``no_speech``;
    4. the caller asks for a human (intent or phrase) → general, ``agent_requested``;
    5. top intent routed to agents → its department, ``agent_intent``;
    6. FAQ intents are answered automatically only when confident, unambiguous, heard clearly
       and matched by an entry of that intent; otherwise the first failing check is the reason.
    """
    text = transcript.strip()
    summary = summarize_scores(intent_scores)
    top = taxonomy.get(summary.top_intent) if summary.top_intent is not None else None

    # 1. Emergencies first, from either signal.
    cue = detect_emergency(text, heard=heard) if text else None
    classifier_emergency = (top is not None and top.route == "urgent") or (
        bool(intent_scores)
        and urgent_probability(intent_scores, taxonomy) >= config.emergency_floor
    )
    if classifier_emergency or cue is not None:
        return RouteDecision(
            type="urgent",
            department=EMERGENCY_DEPARTMENT,
            reason=REASON_EMERGENCY_INTENT if classifier_emergency else REASON_EMERGENCY_CUE,
            transfer_line=cue.line if cue is not None else DEFAULT_EMERGENCY_LINE,
            emergency=cue,
        )

    # 2. The foreign-language desk; answers and Korean agents would not help.
    lang = normalize_language(language)
    if lang != KOREAN:
        reason = (
            REASON_FOREIGN_LANGUAGE
            if lang in config.foreign_languages
            else REASON_UNSUPPORTED_LANGUAGE
        )
        return RouteDecision(type="agent", department=FOREIGN_DEPARTMENT, reason=reason)

    # 3. Nothing was said (or nothing survived recognition).
    if not text:
        return RouteDecision(type="agent", department=GENERAL_DEPARTMENT, reason=REASON_NO_SPEECH)

    # 4. An explicit wish for a person is honoured before any automation.
    asks_for_person = detect_agent_request(text) or bool(heard and detect_agent_request(heard))
    if summary.top_intent == AGENT_REQUEST_INTENT or asks_for_person:
        return RouteDecision(
            type="agent", department=GENERAL_DEPARTMENT, reason=REASON_AGENT_REQUESTED
        )

    if top is None:  # a transcript but no classifier output: a person decides
        return RouteDecision(
            type="agent", department=GENERAL_DEPARTMENT, reason=REASON_LOW_CONFIDENCE
        )

    # 5. Topics that always need a person.
    if top.route != "faq":
        return RouteDecision(type="agent", department=top.department, reason=REASON_AGENT_INTENT)

    # 6. FAQ topics: answer automatically only when every check passes.
    failure = _first_faq_failure(summary, asr, config)
    if failure is not None:
        return RouteDecision(type="agent", department=top.department, reason=failure)
    best = _best_match(faq_matches, intent=top.id, min_similarity=config.min_faq_similarity)
    if best is None:
        return RouteDecision(type="agent", department=top.department, reason=REASON_NO_FAQ_MATCH)
    return RouteDecision(
        type="faq", department=top.department, reason=REASON_FAQ_ANSWER, faq_id=best.entry.id
    )


# Thresholds are inclusive; the tolerance keeps 0.7 - 0.3 (= 0.3999…) from failing a 0.4 margin.
THRESHOLD_TOLERANCE = 1e-9


def _first_faq_failure(
    summary: ScoreSummary, asr: AsrQuality | None, config: PolicyConfig
) -> str | None:
    if summary.confidence < config.min_confidence - THRESHOLD_TOLERANCE:
        return REASON_LOW_CONFIDENCE
    if summary.margin < config.min_margin - THRESHOLD_TOLERANCE:
        return REASON_AMBIGUOUS
    if asr is not None and not asr_acceptable(asr, config):
        return REASON_LOW_ASR_CONFIDENCE
    return None


def asr_acceptable(asr: AsrQuality, config: PolicyConfig) -> bool:
    """Whether the recognizer's own confidence allows acting on its words without a person."""
    if asr.no_speech_prob is not None and asr.no_speech_prob > config.max_no_speech_prob:
        return False
    return not (asr.avg_logprob is not None and asr.avg_logprob < config.min_avg_logprob)


def _best_match(
    matches: Sequence[FaqMatch], *, intent: str, min_similarity: float
) -> FaqMatch | None:
    best: FaqMatch | None = None
    for match in matches:
        if match.entry.intent != intent or match.similarity < min_similarity - THRESHOLD_TOLERANCE:
            continue
        if best is None or match.similarity > best.similarity:
            best = match
    return best
