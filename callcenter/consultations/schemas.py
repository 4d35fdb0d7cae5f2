"""Wire shapes of the consultation API (the contract other parts are checked against)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_controls(value: str) -> str:
    """Control characters carry no meaning in a consultation and PostgreSQL refuses NUL."""
    return CONTROL.sub("", value)


SafeStr = Annotated[str, AfterValidator(strip_controls)]


class IntentOut(BaseModel):
    id: str
    name: str
    confidence: float


class RouteOut(BaseModel):
    type: Literal["faq", "agent", "urgent"]
    department: str | None
    reason: str
    transfer_line: str | None = None


class AnswerOut(BaseModel):
    faq_id: str
    question: str
    text: str


class SuggestionOut(AnswerOut):
    score: float


class SegmentOut(BaseModel):
    speaker: str
    start: float
    end: float
    text: str
    avg_logprob: float | None = None
    no_speech_prob: float | None = None


class ConsultationOut(BaseModel):
    id: str
    call_id: str
    status: Literal["received", "processing", "done", "no_speech", "failed"]
    status_reason: str | None = None
    channel: Literal["phone", "text"]
    received_at: datetime
    finished_at: datetime | None = None
    audio_duration_s: float | None = None
    transcript: str | None
    language: str | None
    intent: IntentOut | None
    candidates: list[IntentOut]
    route: RouteOut | None
    answer: AnswerOut | None
    suggestions: list[SuggestionOut]
    segments: list[SegmentOut] | None = None
    timings_ms: dict[str, float]
    model_versions: dict[str, str]
    caller_last4: str | None = None
    claimed_by: str | None = None
    outcome: str | None = None
    corrected_intent: str | None = None
    reviewed: bool = False
    status_url: str | None = None


class ConsultationPage(BaseModel):
    items: list[ConsultationOut]
    next_cursor: str | None


class TextConsultationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: SafeStr = Field(min_length=1, max_length=100_000)
    call_id: SafeStr | None = Field(default=None, min_length=1, max_length=128)


class ResolutionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    outcome: Literal["resolved", "transferred", "callback"]
    used_faq_id: SafeStr | None = Field(default=None, max_length=64)
    corrected_intent: SafeStr | None = Field(default=None, max_length=64)
    notes: SafeStr | None = Field(default=None, max_length=5000)


class ReviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    score: int = Field(ge=0, le=100)
    comment: SafeStr | None = Field(default=None, max_length=5000)
    rubric: dict[SafeStr, float] | None = None


class ReviewOut(BaseModel):
    id: int
    consultation_id: str
    reviewer: str
    score: int
    rubric: dict[str, Any] | None
    comment: str | None
    at: datetime


class ActionOut(BaseModel):
    consultation_id: str
    agent: str
    action: str
    outcome: str | None = None
    corrected_intent: str | None = None
    used_faq_id: str | None = None
    notes: str | None = None
    at: datetime


class StatsGroup(BaseModel):
    key: str
    count: int
    automation_rate: float
    handoff_rate: float
    urgent_rate: float
    corrected_intent_rate: float | None
    mean_processing_ms: float | None
    p95_processing_ms: float | None


class StatsOut(BaseModel):
    group_by: str | None
    total: StatsGroup
    groups: list[StatsGroup]
