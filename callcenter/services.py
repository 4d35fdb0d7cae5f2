"""Loading the models once per process and wiring the pipeline from the settings.

``LoadedModels`` is the heavy, database-free part (shared by apps, the CLI and the
tests); ``Services`` adds what belongs to one app: the FAQ store on its database
and the runner.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from callcenter.config import Settings
from callcenter.faq.store import FaqStore
from callcenter.pipeline.analysis import StaticFaq, TextAnalyzer
from callcenter.pipeline.runner import ConsultationRunner
from callcenter.pipeline.speech import SpeechPipeline, audio_limits
from callcenter.privacy import REDACTION_VERSION
from callcenter.setup import FAQ_SEED, intent_model_dir, whisper_model
from models.taxonomy import Taxonomy, load_taxonomy
from routing.faq import FaqIndex, load_faq_file
from routing.policy import PolicyConfig

DATABASE_ERRORS = (OperationalError, DBAPIError, OSError)
log = logging.getLogger(__name__)


def policy_config(settings: Settings) -> PolicyConfig:
    return PolicyConfig(
        min_confidence=settings.route_min_confidence,
        min_margin=settings.route_min_margin,
        min_faq_similarity=settings.route_min_faq_similarity,
        max_no_speech_prob=settings.stt_max_no_speech_prob,
        min_avg_logprob=settings.stt_min_avg_logprob,
        foreign_languages=tuple(settings.foreign_languages),
        emergency_floor=settings.route_emergency_floor,
        emergency_cue_confidence=settings.route_emergency_cue_confidence,
    )


def load_classifier(settings: Settings) -> Any:
    from models.intent.classifier import InferenceOptions, IntentClassifier

    return IntentClassifier.load(
        intent_model_dir(settings),
        options=InferenceOptions(num_threads=settings.torch_threads, dtype=settings.intent_dtype),
    )


def make_faq_store(classifier: Any, settings: Settings) -> FaqStore:
    return FaqStore(
        embed=lambda texts: classifier.embed(texts, kind="passage"),
        # model version and precision: a new model, or float32 -> int8, re-embeds the FAQ
        embedding_version=classifier.embedding_version,
        intent_weight=settings.faq_intent_weight,
    )


def load_speech_stage(settings: Settings) -> SpeechPipeline:
    return SpeechPipeline.from_settings(settings, model=whisper_model(settings))


@dataclass
class LoadedModels:
    taxonomy: Taxonomy
    classifier: Any
    speech: SpeechPipeline | None
    versions: dict[str, str]
    load_seconds: float

    @classmethod
    def load(cls, settings: Settings, *, speech: bool = True) -> LoadedModels:
        start = time.perf_counter()
        classifier = load_classifier(settings)
        stage = load_speech_stage(settings) if speech else None
        versions = {
            "intent": str(classifier.version),
            # what the model reads beyond its trained version (models.intent.negation)
            "intent_reading": str(classifier.reading_version),
            "redaction": REDACTION_VERSION,
        }
        if stage is not None:
            versions["stt"] = stage.version
        return cls(
            taxonomy=load_taxonomy(),
            classifier=classifier,
            speech=stage,
            versions=versions,
            load_seconds=round(time.perf_counter() - start, 2),
        )


@dataclass
class Services:
    models: LoadedModels
    faq: FaqStore
    analyzer: TextAnalyzer
    runner: ConsultationRunner
    ready: bool = False

    @property
    def taxonomy(self) -> Taxonomy:
        return self.models.taxonomy

    @property
    def speech(self) -> SpeechPipeline:
        if self.models.speech is None:
            raise RuntimeError("this process was started without the speech model")
        return self.models.speech

    @classmethod
    async def start(
        cls,
        *,
        settings: Settings,
        models: LoadedModels,
        sessionmaker: async_sessionmaker[AsyncSession],
    ) -> Services:
        store = make_faq_store(models.classifier, settings)
        try:
            async with sessionmaker() as session:
                await store.refresh(session, force=True)
        except DATABASE_ERRORS as exc:
            # Start anyway: /readyz says the database is down, requests answer 503, and
            # the index is built on the first consultation after the database is back.
            log.error("database unavailable at start-up: %s", type(exc).__name__)
        analyzer = TextAnalyzer(
            classifier=models.classifier,
            faq=store,
            taxonomy=models.taxonomy,
            policy=policy_config(settings),
        )
        runner = ConsultationRunner(
            sessionmaker=sessionmaker,
            analyzer=analyzer,
            speech=models.speech,
            model_versions=models.versions,
            keep_audio=settings.audio_retention_days > 0,
            max_attempts=settings.max_processing_attempts,
            faq_store=store,
            audio_limits=audio_limits(settings),
        )
        return cls(models=models, faq=store, analyzer=analyzer, runner=runner, ready=True)


def load_text_analyzer(settings: Settings) -> TextAnalyzer:
    """The text stages with the seed knowledge base, for the CLI (no database)."""
    classifier = load_classifier(settings)
    entries = load_faq_file(FAQ_SEED)
    index = FaqIndex.build(
        entries,
        embed=lambda texts: classifier.embed(texts, kind="passage"),
        intent_weight=settings.faq_intent_weight,
    )
    return TextAnalyzer(
        classifier=classifier,
        faq=StaticFaq(index),
        taxonomy=load_taxonomy(),
        policy=policy_config(settings),
    )


def consult_offline(
    settings: Settings, *, audio_path: Path | None = None, text: str | None = None
) -> dict[str, Any]:
    """The whole pipeline on one input without a database, as JSON-ready data."""
    analyzer = load_text_analyzer(settings)
    result: dict[str, Any] = {"channel": "text" if text is not None else "phone"}
    asr = None
    language = "ko"
    if audio_path is not None:
        speech = load_speech_stage(settings)
        decoded = speech.decode(
            audio_path.read_bytes(),
            content_type=None,
            filename=audio_path.name,
            pcm_sample_rate=None,
        )
        transcript = speech.transcribe_sync(decoded.audio)
        text = transcript.text
        language = transcript.language
        asr = speech.asr_quality(transcript)
        result["audio_duration_s"] = round(float(decoded.duration), 3)
        result["no_speech"] = bool(transcript.no_speech)
    analysis = analyzer.analyze(text or "", language=language, asr=asr)
    taxonomy = analyzer.taxonomy
    top = analysis.intent_scores[:3]
    result.update(
        {
            "transcript": analysis.transcript,
            "language": language,
            "intent": (
                {"id": top[0][0], "name": taxonomy.get(top[0][0]).name, "confidence": top[0][1]}
                if top
                else None
            ),
            "candidates": [
                {"id": i, "name": taxonomy.get(i).name, "confidence": round(p, 4)} for i, p in top
            ],
            "route": {
                "type": analysis.decision.type,
                "department": analysis.decision.department,
                "reason": analysis.decision.reason,
                "transfer_line": analysis.decision.transfer_line,
            },
            "answer": (
                {
                    "faq_id": analysis.answer.entry.id,
                    "question": analysis.answer.entry.question,
                    "text": analysis.answer.entry.answer,
                }
                if analysis.answer
                else None
            ),
            "suggestions": [
                {"faq_id": m.entry.id, "question": m.entry.question, "score": round(m.score, 4)}
                for m in analysis.suggestions
            ],
            "timings_ms": analysis.timings_ms,
        }
    )
    return result
