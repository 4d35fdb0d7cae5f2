"""Runs one consultation through its stages, driven by its id and the log database.

Nothing here depends on the request that accepted the call: the audio and the call
metadata are read back from the database, so the same ``process`` can run in the
API process (the embedded default), in a background task, or on a worker that
shares the PostgreSQL log.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from typing import Any, Protocol

from prometheus_client import Counter, Histogram
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from callcenter.db.tables import (
    FINISHED_STATUSES,
    CallAudio,
    Consultation,
    TranscriptSegment,
    utcnow,
)
from callcenter.pipeline.analysis import Analysis, TextAnalyzer
from callcenter.pipeline.segments import redact_segments
from routing.policy import AsrQuality

log = logging.getLogger(__name__)

CONSULTATIONS = Counter(
    "callcenter_consultations_total",
    "Finished consultations",
    ["channel", "status", "route", "department"],
)
STAGE_SECONDS = Histogram(
    "callcenter_stage_seconds",
    "Time spent in each pipeline stage",
    ["stage"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
)


class SpeechStage(Protocol):
    """Decode and transcribe: what the runner needs from the speech side."""

    version: str

    def decode(
        self,
        data: bytes,
        *,
        content_type: str | None,
        filename: str | None,
        pcm_sample_rate: int | None,
        limits: Any = None,
    ) -> Any: ...

    async def transcribe(self, audio: Any) -> Any: ...


def _ms(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 2)


@dataclass
class ConsultationRunner:
    sessionmaker: async_sessionmaker[AsyncSession]
    analyzer: TextAnalyzer
    speech: SpeechStage | None
    model_versions: dict[str, str]
    faq_store: Any = None  # callcenter.faq.store.FaqStore; refreshed before each analysis
    audio_limits: Any = None  # this app's upload limits (the speech model may be shared)
    keep_audio: bool = False
    max_attempts: int = 3
    _inflight: set[asyncio.Task[None]] = field(default_factory=set)

    # --- entry points ------------------------------------------------------------------

    async def process(self, consultation_id: str, *, text: str | None = None) -> None:
        """Process a received consultation; failures are recorded, never raised."""
        started = time.perf_counter()
        async with self.sessionmaker() as session:
            row = await session.get(Consultation, consultation_id)
            if row is None or row.status in FINISHED_STATUSES:
                return
            row.status = "processing"
            row.attempts += 1
            await session.commit()
            try:
                if self.faq_store is not None:
                    await self.faq_store.refresh(session)
                if row.channel == "phone":
                    await self._process_call(session, row, started)
                else:
                    if text is None:
                        raise RuntimeError("text consultation reached the runner without its text")
                    analysis = await asyncio.to_thread(self.analyzer.analyze, text)
                    self._store_analysis(row, analysis, asr=None, timings=analysis.timings_ms)
                    row.status = "done"
                    self._finish(row, started)
                    await session.commit()
            except Exception as exc:  # the call must end visible in the log, whatever broke
                log.exception("consultation %s failed", consultation_id)
                await session.rollback()
                row = await session.get(Consultation, consultation_id)
                if row is not None:
                    row.status = "failed"
                    row.status_reason = f"{type(exc).__name__}: processing error"[:255]
                    self._finish(row, started)
                    await session.commit()

    def submit(self, consultation_id: str) -> asyncio.Task[None]:
        """Process in the background of this process (202 path), keeping a reference."""
        task = asyncio.create_task(self.process(consultation_id))
        self._inflight.add(task)
        task.add_done_callback(self._inflight.discard)
        return task

    async def drain(self) -> None:
        if self._inflight:
            await asyncio.gather(*list(self._inflight), return_exceptions=True)

    async def recover_unfinished(self) -> list[str]:
        """After a restart: resume every unfinished call or mark it failed, with a reason.

        A phone call whose audio is still in the log is resumed unless it already
        used its attempts (a call that crashes the process must not crash it
        forever). A text consultation never stores its raw text, so it cannot be
        resumed and is marked failed.
        """
        resumed: list[str] = []
        async with self.sessionmaker() as session:
            stmt = select(Consultation).where(Consultation.status.in_(("received", "processing")))
            rows = list((await session.execute(stmt)).scalars())
            for row in rows:
                has_audio = await session.get(CallAudio, row.id) is not None
                if row.channel == "phone" and has_audio and row.attempts < self.max_attempts:
                    row.status = "received"
                    resumed.append(row.id)
                else:
                    row.status = "failed"
                    row.status_reason = (
                        "interrupted: too many attempts"
                        if has_audio
                        else "interrupted before processing finished; nothing to resume from"
                    )
                    row.finished_at = utcnow()
            await session.commit()
        for consultation_id in resumed:
            self.submit(consultation_id)
        return resumed

    # --- stages --------------------------------------------------------------------------

    async def _process_call(self, session: AsyncSession, row: Consultation, started: float) -> None:
        if self.speech is None:
            raise RuntimeError("speech stage is not configured")
        audio_row = await session.get(CallAudio, row.id)
        if audio_row is None:
            raise RuntimeError("the call's audio is missing")
        timings: dict[str, float] = {}
        t = time.perf_counter()
        decoded = await asyncio.to_thread(
            self.speech.decode,
            audio_row.data,
            content_type=audio_row.content_type,
            filename=audio_row.filename,
            pcm_sample_rate=audio_row.pcm_sample_rate,
            limits=self.audio_limits,
        )
        timings["decode"] = _ms(t)
        row.audio_duration_s = round(float(decoded.duration), 3)

        t = time.perf_counter()
        transcript = await self.speech.transcribe(decoded.audio)
        agent_transcript = None
        if decoded.agent is not None:
            agent_transcript = await self.speech.transcribe(decoded.agent)
        timings["transcribe"] = _ms(t)

        asr = AsrQuality(
            no_speech_prob=transcript.no_speech_prob, avg_logprob=transcript.avg_logprob
        )
        analysis = await asyncio.to_thread(
            self.analyzer.analyze, transcript.text, language=transcript.language, asr=asr
        )
        timings.update(analysis.timings_ms)
        row.language_probability = transcript.language_probability

        t = time.perf_counter()
        await session.execute(
            delete(TranscriptSegment).where(TranscriptSegment.consultation_id == row.id)
        )
        pieces = redact_segments(transcript.segments, speaker="caller")
        if agent_transcript is not None:
            pieces += redact_segments(agent_transcript.segments, speaker="agent")
        pieces.sort(key=lambda p: (p["start_s"], p["speaker"]))
        for position, piece in enumerate(pieces):
            session.add(TranscriptSegment(consultation_id=row.id, position=position, **piece))
        self._store_analysis(row, analysis, asr=asr, timings=timings)
        row.status = "no_speech" if transcript.no_speech or not analysis.transcript else "done"
        if not self.keep_audio:
            await session.delete(audio_row)
        timings["log"] = _ms(t)
        self._finish(row, started)
        await session.commit()

    def _store_analysis(
        self,
        row: Consultation,
        analysis: Analysis,
        *,
        asr: AsrQuality | None,
        timings: dict[str, float],
    ) -> None:
        row.transcript = analysis.transcript
        row.pii_spans = [[s.start, s.end, s.type] for s in analysis.redaction.spans]
        row.language = analysis.language
        if asr is not None:
            row.stt_avg_logprob = asr.avg_logprob
            row.stt_no_speech_prob = asr.no_speech_prob
        top = analysis.intent_scores[:3]
        row.intent_id = top[0][0] if top else None
        row.intent_confidence = round(top[0][1], 6) if top else None
        row.candidates = [[i, round(p, 6)] for i, p in top]
        decision = analysis.decision
        row.route_type = decision.type
        row.route_department = decision.department
        row.route_reason = decision.reason
        row.transfer_line = decision.transfer_line
        row.answered_faq_id = decision.faq_id
        row.answer = (
            {
                "faq_id": analysis.answer.entry.id,
                "question": analysis.answer.entry.question,
                "text": analysis.answer.entry.answer,
            }
            if analysis.answer is not None
            else None
        )
        row.suggestions = [
            {
                "faq_id": m.entry.id,
                "question": m.entry.question,
                "text": m.entry.answer,
                "score": round(float(m.score), 4),
            }
            for m in analysis.suggestions
        ]
        row.model_versions = dict(self.model_versions)
        row.timings_ms = dict(timings)

    @staticmethod
    def _finish(row: Consultation, started: float) -> None:
        row.finished_at = utcnow()
        row.processing_ms = _ms(started)
        if row.timings_ms is not None:
            row.timings_ms = {**row.timings_ms, "total": row.processing_ms}
            for stage, ms in row.timings_ms.items():
                STAGE_SECONDS.labels(stage).observe(ms / 1000)
        CONSULTATIONS.labels(
            row.channel, row.status, row.route_type or "none", row.route_department or "none"
        ).inc()
