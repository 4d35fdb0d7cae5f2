"""Call audio in, 16 kHz mono float32 out: decoding, limits and the errors uploads can raise."""

from __future__ import annotations

from callcenter.audio.decode import SAMPLE_RATE, AudioLimits, DecodedAudio, decode_audio
from callcenter.audio.errors import (
    AudioCorrupt,
    AudioEmpty,
    AudioError,
    AudioTooLarge,
    AudioTooLong,
    AudioTooShort,
    UnsupportedAudio,
)

__all__ = [
    "SAMPLE_RATE",
    "AudioCorrupt",
    "AudioEmpty",
    "AudioError",
    "AudioLimits",
    "AudioTooLarge",
    "AudioTooLong",
    "AudioTooShort",
    "DecodedAudio",
    "UnsupportedAudio",
    "decode_audio",
]
