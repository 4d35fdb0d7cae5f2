"""What the speech stage hands on: a transcript with the evidence behind it.

Whisper's confidence numbers travel with the text (per segment and aggregated) because the
routing policy decides from them whether a machine answer is safe, and dropped segments are
kept with the reason so that a wrong "no speech" can be audited rather than guessed at.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class TranscriptSegment:
    """One decoded stretch of the call; times are seconds from the start of the audio."""

    start: float
    end: float
    text: str
    avg_logprob: float
    no_speech_prob: float
    compression_ratio: float
    n_tokens: int = 0  # text tokens Whisper produced; weights the call's mean log-prob


@dataclass(frozen=True, slots=True)
class DroppedSegment:
    segment: TranscriptSegment
    reason: str  # "no_speech", "low_logprob", "blocklist", "loop_no_speech", "prompt_echo", ...


@dataclass(frozen=True, slots=True)
class Transcript:
    """The call as text.

    ``language`` is the language the text was decoded in ("ko" unless the call was marked
    foreign); ``detected_language`` is Whisper's guess, None when detection did not run.
    ``avg_logprob`` is the token-weighted mean over kept segments and ``no_speech_prob`` the
    duration-weighted mean over kept segments (over all decoded ones when none was kept,
    1.0 when voice activity detection found no speech); both are None before any decoding.
    """

    text: str
    segments: tuple[TranscriptSegment, ...]
    language: str
    language_probability: float | None
    detected_language: str | None
    detected_language_probability: float | None
    language_reason: str
    duration: float
    speech_duration: float
    no_speech: bool
    avg_logprob: float | None
    no_speech_prob: float | None
    dropped: tuple[DroppedSegment, ...] = ()
    settings: dict[str, Any] = field(default_factory=dict)
    decode_passes: int = 0  # Whisper encoder passes spent (windows decoded + detection)
    elapsed_s: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (segments and dropped segments as plain dicts)."""
        return asdict(self)
