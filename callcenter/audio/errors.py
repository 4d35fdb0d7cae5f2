"""Why an upload cannot be turned into audio, as exceptions the API maps to status codes.

Each error carries its HTTP status and a stable ``code`` so clients can branch on it, and a
message a person can act on ("re-export as WAV", "send at most 30 minutes").

A truncated or malformed header of a recognised container (a WAV whose ``fmt`` chunk is
cut short, a FLAC with nothing after its marker) is ``AudioCorrupt``, 422: the format is
one we accept, so 415 ("send another media type") would be the wrong advice; the content
is what is broken. Bytes we cannot identify at all are ``UnsupportedAudio``, 415.
"""

from __future__ import annotations


class AudioError(Exception):
    status_code: int = 422
    code: str = "audio_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class AudioTooLarge(AudioError):
    status_code = 413
    code = "audio_too_large"


class AudioTooLong(AudioError):
    status_code = 413
    code = "audio_too_long"


class AudioEmpty(AudioError):
    """Zero bytes, or a valid file with no samples in it."""

    status_code = 422
    code = "audio_empty"


class AudioTooShort(AudioError):
    status_code = 422
    code = "audio_too_short"


class AudioCorrupt(AudioError):
    """A recognised format whose header or stream is truncated or malformed."""

    status_code = 422
    code = "audio_corrupt"


class UnsupportedAudio(AudioError):
    """Not a format we decode (or unidentifiable bytes)."""

    status_code = 415
    code = "unsupported_audio"
