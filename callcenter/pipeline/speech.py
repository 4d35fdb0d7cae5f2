"""The speech half of the pipeline: decode an upload, transcribe it in the bounded pool.

One Whisper model per process; transcriptions run on the pool's threads so the API's
event loop stays free while calls are decoded.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from callcenter.audio import AudioLimits, DecodedAudio, decode_audio
from callcenter.config import Settings
from callcenter.privacy.redaction import redact
from models.speech.pool import PoolSaturated, TranscriptionPool
from models.speech.transcriber import TranscribeOptions, Transcriber
from models.speech.transcript import Transcript
from models.speech.whisper_model import load_whisper
from routing.policy import AsrQuality

SATURATED_RETRY_S = 0.25


def audio_limits(settings: Settings) -> AudioLimits:
    return AudioLimits(
        max_bytes=settings.max_upload_bytes,
        max_seconds=settings.max_audio_seconds,
        min_seconds=settings.min_audio_seconds,
    )


def transcribe_options(settings: Settings) -> TranscribeOptions:
    return TranscribeOptions(
        foreign_languages=tuple(settings.foreign_languages),
        foreign_min_probability=settings.foreign_language_min_probability,
        beam_size=settings.whisper_beam_size,
        vad_filter=settings.whisper_vad,
        hotwords=settings.whisper_hotwords or None,
        initial_prompt=settings.whisper_initial_prompt or None,
        language_detection=settings.stt_language_detection,
        drop_no_speech_prob=settings.stt_max_no_speech_prob,
    )


class SpeechPipeline:
    def __init__(
        self,
        *,
        transcriber: Transcriber,
        limits: AudioLimits,
        caller_channel: int,
        workers: int,
        version: str,
    ) -> None:
        self.transcriber = transcriber
        self.limits = limits
        self.caller_channel = caller_channel
        self.pool = TranscriptionPool(transcriber, workers=workers, max_pending=max(64, workers))
        self.version = version

    @classmethod
    def from_settings(cls, settings: Settings, *, model: str) -> SpeechPipeline:
        whisper = load_whisper(
            model=model,
            device=settings.whisper_device,
            compute_type=settings.whisper_compute_type,
            cpu_threads=settings.whisper_cpu_threads,
            num_workers=settings.whisper_num_workers,
            local_files_only=True,
        )
        return cls(
            transcriber=Transcriber(whisper, transcribe_options(settings)),
            limits=audio_limits(settings),
            caller_channel=settings.caller_channel,
            workers=settings.whisper_num_workers,
            version=f"faster-whisper:{Path(model).name}:{settings.whisper_compute_type}",
        )

    def decode(
        self,
        data: bytes,
        *,
        content_type: str | None,
        filename: str | None,
        pcm_sample_rate: int | None,
        limits: AudioLimits | None = None,
    ) -> DecodedAudio:
        """Decode within ``limits`` (an app's own settings), else the loading settings'."""
        return decode_audio(
            data,
            content_type=content_type,
            filename=filename,
            pcm_sample_rate=pcm_sample_rate,
            limits=limits or self.limits,
            caller_channel=self.caller_channel,
        )

    async def transcribe(
        self,
        audio: np.ndarray,
        *,
        language: str | None = None,
        prompt: str | None = None,
        temperature: float | None = None,
    ) -> Transcript:
        """Transcribe in the pool; an accepted call waits for a free slot, never fails for it."""
        if language or prompt or temperature:
            options = self.transcriber.options
            overrides: dict[str, Any] = {}
            if language:
                overrides |= {"language": language.lower(), "language_detection": "off"}
            if prompt:
                overrides["initial_prompt"] = prompt
            if temperature:
                overrides["temperature"] = float(temperature)
            custom = Transcriber(self.transcriber.model, replace(options, **overrides))
            return await asyncio.to_thread(custom.transcribe, audio)
        while True:
            try:
                return await self.pool.transcribe(audio)
            except PoolSaturated:
                await asyncio.sleep(SATURATED_RETRY_S)

    def transcribe_sync(self, audio: np.ndarray) -> Transcript:
        return self.transcriber.transcribe(audio)

    @staticmethod
    def asr_quality(transcript: Transcript) -> AsrQuality:
        return AsrQuality(
            no_speech_prob=transcript.no_speech_prob, avg_logprob=transcript.avg_logprob
        )

    def transcribe_file(self, path: Path, *, language: str | None = None) -> dict[str, Any]:
        """One file for the CLI: redacted text and segments, language, duration."""
        decoded = self.decode(
            path.read_bytes(), content_type=None, filename=path.name, pcm_sample_rate=None
        )
        transcriber = self.transcriber
        if language:
            transcriber = Transcriber(
                transcriber.model,
                replace(transcriber.options, language=language, language_detection="off"),
            )
        result = transcriber.transcribe(decoded.audio)
        return {
            "file": str(path),
            "duration": round(decoded.duration, 3),
            "language": result.language,
            "no_speech": result.no_speech,
            "text": redact(result.text).text,
            "segments": [
                {"start": s.start, "end": s.end, "text": redact(s.text).text}
                for s in result.segments
            ],
        }

    def close(self) -> None:
        self.pool.close(wait=False)
