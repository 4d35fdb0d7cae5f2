"""Turn a log row into the API's result shape (names come from the taxonomy)."""

from __future__ import annotations

from callcenter.consultations.schemas import (
    AnswerOut,
    ConsultationOut,
    IntentOut,
    RouteOut,
    SegmentOut,
    SuggestionOut,
)
from callcenter.db.tables import Consultation
from models.taxonomy import Taxonomy


def _intent(taxonomy: Taxonomy, intent_id: str, confidence: float) -> IntentOut:
    name = taxonomy.intents[intent_id].name if intent_id in taxonomy.intents else intent_id
    return IntentOut(id=intent_id, name=name, confidence=round(float(confidence), 4))


def consultation_out(
    row: Consultation, *, taxonomy: Taxonomy, with_segments: bool = False
) -> ConsultationOut:
    route = None
    if row.route_type:
        route = RouteOut(
            type=row.route_type,  # type: ignore[arg-type]
            department=row.route_department,
            reason=row.route_reason or "",
            transfer_line=row.transfer_line,
        )
    intent = None
    if row.intent_id:
        intent = _intent(taxonomy, row.intent_id, row.intent_confidence or 0.0)
    segments = None
    if with_segments:
        segments = [
            SegmentOut(
                speaker=s.speaker,
                start=s.start_s,
                end=s.end_s,
                text=s.text,
                avg_logprob=s.avg_logprob,
                no_speech_prob=s.no_speech_prob,
            )
            for s in row.segments
        ]
    unfinished = row.status in ("received", "processing")
    return ConsultationOut(
        id=row.id,
        call_id=row.call_id,
        status=row.status,  # type: ignore[arg-type]
        status_reason=row.status_reason,
        channel=row.channel,  # type: ignore[arg-type]
        received_at=row.received_at,
        finished_at=row.finished_at,
        audio_duration_s=row.audio_duration_s,
        transcript=row.transcript,
        language=row.language,
        intent=intent,
        candidates=[_intent(taxonomy, i, p) for i, p in (row.candidates or [])],
        route=route,
        answer=AnswerOut(**row.answer) if row.answer else None,
        suggestions=[SuggestionOut(**s) for s in (row.suggestions or [])],
        segments=segments,
        timings_ms=row.timings_ms or {},
        model_versions=row.model_versions or {},
        caller_last4=row.caller_last4,
        claimed_by=row.claimed_by,
        outcome=row.outcome,
        corrected_intent=row.corrected_intent,
        reviewed=row.reviewed,
        status_url=f"/v1/consultations/{row.id}" if unfinished else None,
    )
