"""Speech to text: the offline Whisper model, the transcriber and its worker pool.

``assemble_whisper_base`` / ``load_whisper`` give a faster-whisper model; ``Transcriber``
turns 16 kHz mono audio into a ``Transcript``; ``TranscriptionPool`` runs transcriptions on
a bounded set of threads that share one model, with an awaitable entry point for the API.
"""

from __future__ import annotations

from models.speech.pool import PoolClosed, PoolSaturated, TranscriptionPool
from models.speech.transcriber import SAMPLE_RATE, TranscribeOptions, Transcriber
from models.speech.transcript import DroppedSegment, Transcript, TranscriptSegment
from models.speech.whisper_model import (
    WHISPER_BASE,
    ModelAssemblyError,
    assemble_whisper_base,
    load_whisper,
)

__all__ = [
    "SAMPLE_RATE",
    "WHISPER_BASE",
    "DroppedSegment",
    "ModelAssemblyError",
    "PoolClosed",
    "PoolSaturated",
    "TranscribeOptions",
    "Transcriber",
    "Transcript",
    "TranscriptSegment",
    "TranscriptionPool",
    "assemble_whisper_base",
    "load_whisper",
]
