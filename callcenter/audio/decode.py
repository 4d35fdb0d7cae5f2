"""Uploaded call audio to 16 kHz mono float32, one array per party.

WAV (PCM, float, G.711 μ-law / A-law) and raw telephone PCM are parsed here, because they
are most of what a call centre records and must decode exactly; compressed formats (MP3,
OGG, FLAC, WebM, M4A, AMR, ...) go through PyAV. The format is identified by its magic
bytes, never by the file name or declared type, except for raw PCM, which has no header
and needs its sample rate declared. Limits are checked before decoding where the header
allows it and while decoding otherwise, so a small file that expands to hours of audio is
refused before it fills memory.

Stereo recordings carry one party per channel: by default channel 0 is the caller and
channel 1 the agent (``caller_channel`` swaps them).
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass
from math import gcd

import numpy as np

from callcenter.audio.errors import (
    AudioCorrupt,
    AudioEmpty,
    AudioTooLarge,
    AudioTooLong,
    AudioTooShort,
    UnsupportedAudio,
)
from callcenter.audio.g711 import ALAW_TABLE, ULAW_TABLE

SAMPLE_RATE = 16_000
MIN_INPUT_RATE = 4_000
MAX_INPUT_RATE = 384_000

_RAW_LINEAR = {"audio/pcm", "audio/l16", "audio/x-pcm", "audio/raw", "audio/x-raw"}
_RAW_ULAW = {"audio/basic", "audio/pcmu", "audio/x-mulaw", "audio/mulaw", "audio/ulaw"}
_RAW_ALAW = {"audio/pcma", "audio/x-alaw", "audio/alaw"}
_RAW_SUFFIX = {".pcm": "s16", ".raw": "s16", ".l16": "s16", ".ul": "ulaw", ".ulaw": "ulaw"}
_RAW_SUFFIX |= {".mulaw": "ulaw", ".al": "alaw", ".alaw": "alaw"}

_WAV_PCM, _WAV_FLOAT, _WAV_ALAW, _WAV_ULAW, _WAV_EXTENSIBLE = 1, 3, 6, 7, 0xFFFE

SUPPORTED = (
    "WAV (PCM 8/16/24/32-bit, float, G.711 μ-law/A-law), MP3, OGG (Vorbis/Opus), FLAC, "
    "WebM, M4A/AAC, AMR, AIFF, or raw 16-bit PCM / G.711 with a declared sample rate "
    "(Content-Type audio/L16;rate=8000 or audio/PCMU)"
)


@dataclass(frozen=True, slots=True)
class AudioLimits:
    max_bytes: int = 25 * 1024 * 1024
    max_seconds: float = 30 * 60
    min_seconds: float = 0.1

    def __post_init__(self) -> None:
        if self.max_bytes <= 0 or self.max_seconds <= 0 or self.min_seconds < 0:
            raise ValueError("audio limits must be positive")


@dataclass(frozen=True, slots=True)
class DecodedAudio:
    """A call at 16 kHz: the caller (what gets transcribed) and, for stereo, the agent.

    ``sample_rate``, ``channels`` and ``codec`` describe the upload as it came in;
    ``duration`` is seconds of decoded audio; ``truncated`` says the file ended before its
    header said it would (the audio that was there is kept).
    """

    caller: np.ndarray
    agent: np.ndarray | None
    sample_rate: int
    channels: int
    codec: str
    container: str
    duration: float
    truncated: bool = False

    @property
    def audio(self) -> np.ndarray:
        """The channel to transcribe: the caller's."""
        return self.caller


@dataclass(frozen=True, slots=True)
class _Raw:
    """Decoded samples before channel selection and resampling: shape (frames, channels)."""

    samples: np.ndarray
    rate: int  # of ``samples``
    input_rate: int  # of the upload
    codec: str
    container: str
    truncated: bool = False


def decode_audio(
    data: bytes,
    *,
    content_type: str | None,
    filename: str | None,
    pcm_sample_rate: int | None,
    limits: AudioLimits | None = None,
    caller_channel: int = 0,
) -> DecodedAudio:
    """Decode an uploaded call; raises an ``AudioError`` subclass saying what is wrong."""
    limits = limits or AudioLimits()
    if caller_channel < 0:
        raise ValueError("caller_channel must be 0 or more")
    if not data:
        raise AudioEmpty("the upload is empty (0 bytes)")
    if len(data) > limits.max_bytes:
        raise AudioTooLarge(
            f"the upload is {len(data):,} bytes; the limit is {limits.max_bytes:,} bytes"
        )
    container = sniff_container(data)
    if container == "wav":
        raw = _decode_wav(data, limits)
    elif container is not None:
        raw = _decode_with_av(data, container, limits)
    else:
        kind, rate, channels = _raw_declaration(content_type, filename, pcm_sample_rate)
        if kind is None:
            raise UnsupportedAudio(
                f"unrecognised audio format ({_describe_upload(content_type, filename)}); "
                f"supported: {SUPPORTED}"
            )
        raw = _decode_raw(data, kind=kind, rate=rate, channels=channels, limits=limits)
    return _finish(raw, limits, caller_channel)


# --- identification ----------------------------------------------------------------------


def sniff_container(data: bytes) -> str | None:
    """The container named by the magic bytes ("wav" is parsed here, others by PyAV)."""
    head = data[:16]
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "wav"
    if head[:4] == b"RIFF":  # RIFF, but too short to say WAVE: a truncated WAV header
        return "wav" if len(data) < 12 else None
    if head[:4] in (b"RF64", b"BW64"):
        return "w64"
    if head[:4] == b"fLaC":
        return "flac"
    if head[:4] == b"OggS":
        return "ogg"
    if head[:3] == b"ID3":
        return "mp3"
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return "matroska"
    if head[4:8] == b"ftyp":
        return "mp4"
    if head[:5] == b"#!AMR":
        return "amr"
    if head[:4] == b"FORM" and head[8:12] in (b"AIFF", b"AIFC"):
        return "aiff"
    if head[:4] == b"caff":
        return "caf"
    if head[:4] == b".snd":
        return "au"
    if len(head) >= 4 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0:
        if head[1] & 0xF6 == 0xF0:
            return "aac"  # ADTS
        version, layer = (head[1] >> 3) & 3, (head[1] >> 1) & 3
        bitrate, rate = head[2] >> 4, (head[2] >> 2) & 3
        if version != 1 and layer != 0 and bitrate != 15 and rate != 3:
            return "mp3"
    return None


def _describe_upload(content_type: str | None, filename: str | None) -> str:
    parts = []
    if content_type:
        parts.append(f"Content-Type {content_type}")
    if filename:
        parts.append(f"file {filename}")
    return ", ".join(parts) or "no type given"


def _raw_declaration(
    content_type: str | None, filename: str | None, pcm_sample_rate: int | None
) -> tuple[str | None, int, int]:
    """Raw PCM is only ever what the client declared: (kind, rate, channels)."""
    kind = None
    params: dict[str, str] = {}
    if content_type:
        mime, *rest = (p.strip() for p in content_type.split(";"))
        for item in rest:
            key, _, value = item.partition("=")
            params[key.strip().lower()] = value.strip().strip('"')
        mime = mime.lower()
        if mime in _RAW_LINEAR:
            kind = "s16"
        elif mime in _RAW_ULAW:
            kind = "ulaw"
        elif mime in _RAW_ALAW:
            kind = "alaw"
    if kind is None and filename:
        suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
        kind = _RAW_SUFFIX.get(suffix)
    if kind is None:
        return None, 0, 0
    try:
        rate = int(params["rate"]) if "rate" in params else pcm_sample_rate
        channels = int(params.get("channels", "1"))
    except ValueError:
        raise UnsupportedAudio(f"unreadable rate or channels in {content_type!r}") from None
    if rate is None:
        if kind == "s16":
            raise UnsupportedAudio(
                "raw PCM has no header, so its sample rate must be declared "
                "(Content-Type audio/L16;rate=8000 or the sample-rate parameter)"
            )
        rate = 8000  # G.711 without a declared rate is telephone audio
    _check_rate(rate)
    if not 1 <= channels <= 8:
        raise UnsupportedAudio(f"raw PCM with {channels} channels is not supported")
    return kind, rate, channels


def _check_rate(rate: int) -> None:
    if not MIN_INPUT_RATE <= rate <= MAX_INPUT_RATE:
        raise UnsupportedAudio(
            f"sample rate {rate} Hz is outside {MIN_INPUT_RATE}-{MAX_INPUT_RATE} Hz"
        )


# --- WAV and raw ------------------------------------------------------------------------


def _decode_wav(data: bytes, limits: AudioLimits) -> _Raw:
    if len(data) < 12:
        raise AudioCorrupt(f"the WAV header is truncated ({len(data)} bytes)")
    fmt: tuple[int, int, int, int, int] | None = None
    payload: memoryview | None = None
    truncated = False
    view = memoryview(data)
    pos = 12
    while pos + 8 <= len(data):
        chunk_id = bytes(view[pos : pos + 4])
        (size,) = struct.unpack_from("<I", data, pos + 4)
        body = pos + 8
        if chunk_id == b"fmt ":
            if size < 16 or body + 16 > len(data):
                raise AudioCorrupt("the WAV header is truncated (incomplete fmt chunk)")
            fmt = _parse_fmt(data, body, size)
        elif chunk_id == b"data":
            if fmt is None:
                raise AudioCorrupt("the WAV file has its data before its fmt chunk")
            available = len(data) - body
            if size in (0, 0xFFFFFFFF) and available > 0:
                size = available  # written while streaming; the length was never filled in
            elif size > available:
                truncated = True
                size = available
            payload = view[body : body + size]
            break
        pos = body + size + (size & 1)
    if fmt is None:
        raise AudioCorrupt("the WAV header is truncated (no fmt chunk)")
    if payload is None:
        raise AudioCorrupt("the WAV file has no data chunk (truncated?)")
    tag, channels, rate, block_align, bits = fmt
    if tag not in (_WAV_PCM, _WAV_FLOAT, _WAV_ALAW, _WAV_ULAW):
        # ADPCM, GSM 6.10, MP3-in-WAV, ...: FFmpeg knows these
        return _decode_with_av(data, "wav", limits, what=f"WAV format tag {tag:#06x}")
    if channels < 1 or block_align < channels or block_align % channels:
        raise AudioCorrupt(f"the WAV header is inconsistent ({channels} channels, {block_align=})")
    _check_rate(rate)
    width = block_align // channels
    frames = len(payload) // block_align
    if len(payload) % block_align:
        truncated = True
    if frames / rate > limits.max_seconds:
        raise AudioTooLong(_too_long(frames / rate, limits))
    body_bytes = payload[: frames * block_align]
    samples, codec = _wav_samples(body_bytes, tag=tag, width=width, bits=bits)
    return _Raw(samples.reshape(frames, channels), rate, rate, codec, "wav", truncated)


def _parse_fmt(data: bytes, body: int, size: int) -> tuple[int, int, int, int, int]:
    tag, channels, rate, _byte_rate, block_align, bits = struct.unpack_from("<HHIIHH", data, body)
    if tag == _WAV_EXTENSIBLE:
        if size < 40 or body + 40 > len(data):
            raise AudioCorrupt("the WAV header is truncated (incomplete extensible fmt chunk)")
        (tag,) = struct.unpack_from("<H", data, body + 24)
    if channels == 0 or rate == 0:
        raise AudioCorrupt(f"the WAV header is invalid ({channels} channels at {rate} Hz)")
    return tag, channels, rate, block_align, bits


def _wav_samples(body: memoryview, *, tag: int, width: int, bits: int) -> tuple[np.ndarray, str]:
    if tag == _WAV_ULAW and width == 1:
        return ULAW_TABLE[np.frombuffer(body, np.uint8)].astype(np.float32) / 32768, "pcm_mulaw"
    if tag == _WAV_ALAW and width == 1:
        return ALAW_TABLE[np.frombuffer(body, np.uint8)].astype(np.float32) / 32768, "pcm_alaw"
    if tag == _WAV_FLOAT and width in (4, 8):
        dtype = "<f4" if width == 4 else "<f8"
        values = np.nan_to_num(np.frombuffer(body, dtype).astype(np.float32), posinf=1, neginf=-1)
        return np.clip(values, -1.0, 1.0), f"pcm_f{width * 8}le"
    if tag == _WAV_PCM and width == 1:
        return (np.frombuffer(body, np.uint8).astype(np.float32) - 128) / 128, "pcm_u8"
    if tag == _WAV_PCM and width == 2:
        return np.frombuffer(body, "<i2").astype(np.float32) / 32768, "pcm_s16le"
    if tag == _WAV_PCM and width == 3:
        b = np.frombuffer(body, np.uint8).reshape(-1, 3).astype(np.int32)
        values = b[:, 0] | (b[:, 1] << 8) | (b[:, 2] << 16)
        values = np.where(values & 0x800000, values - (1 << 24), values)
        return values.astype(np.float32) / 8388608, "pcm_s24le"
    if tag == _WAV_PCM and width == 4:
        return (np.frombuffer(body, "<i4") / 2147483648.0).astype(np.float32), "pcm_s32le"
    raise UnsupportedAudio(f"WAV with format tag {tag} and {bits}-bit samples is not supported")


def _decode_raw(data: bytes, *, kind: str, rate: int, channels: int, limits: AudioLimits) -> _Raw:
    width = (2 if kind == "s16" else 1) * channels
    frames = len(data) // width
    if frames / rate > limits.max_seconds:
        raise AudioTooLong(_too_long(frames / rate, limits))
    body = memoryview(data)[: frames * width]
    if kind == "s16":
        samples, codec = np.frombuffer(body, "<i2").astype(np.float32) / 32768, "pcm_s16le"
    elif kind == "ulaw":
        samples, codec = ULAW_TABLE[np.frombuffer(body, np.uint8)] / np.float32(32768), "pcm_mulaw"
    else:
        samples, codec = ALAW_TABLE[np.frombuffer(body, np.uint8)] / np.float32(32768), "pcm_alaw"
    samples = samples.astype(np.float32).reshape(frames, channels)
    return _Raw(samples, rate, rate, codec, "raw", truncated=len(data) % width != 0)


# --- PyAV ---------------------------------------------------------------------------------


def _decode_with_av(data: bytes, container: str, limits: AudioLimits, *, what: str = "") -> _Raw:
    """Decode with FFmpeg, resampling to 16 kHz on the fly and stopping at the length limit."""
    import av

    label = what or container.upper()
    try:
        source = av.open(io.BytesIO(data), mode="r", format=_AV_FORMATS.get(container))
    except av.error.FFmpegError as exc:
        error = UnsupportedAudio if what else AudioCorrupt
        raise error(f"the {label} file could not be opened ({_reason(exc)})") from None
    with source:
        if not source.streams.audio:
            raise UnsupportedAudio(f"the {label} file has no audio stream")
        stream = source.streams.audio[0]
        ctx = stream.codec_context
        if ctx is None:
            raise UnsupportedAudio(f"the {label} codec is not one we can decode; {SUPPORTED}")
        rate, channels = int(ctx.sample_rate or 0), int(ctx.channels or 0)
        if rate <= 0 or channels <= 0:
            raise AudioCorrupt(f"the {label} stream does not say its sample rate or channels")
        _check_rate(rate)
        if stream.duration is not None and stream.time_base is not None:
            declared = float(stream.duration * stream.time_base)
            if declared > limits.max_seconds * 1.05:
                raise AudioTooLong(_too_long(declared, limits))
        resampler = av.AudioResampler(format="fltp", layout=ctx.layout, rate=SAMPLE_RATE)
        chunks: list[np.ndarray] = []
        total = 0
        budget = int(limits.max_seconds * SAMPLE_RATE)
        truncated = False
        try:
            for frame in source.decode(stream):
                for out in resampler.resample(frame):
                    chunks.append(out.to_ndarray())
                    total += out.samples
                if total > budget:
                    raise AudioTooLong(_too_long(total / SAMPLE_RATE, limits, at_least=True))
        except av.error.FFmpegError as exc:
            if total == 0:
                raise AudioCorrupt(
                    f"the {label} audio could not be decoded ({_reason(exc)})"
                ) from None
            truncated = True  # keep what decoded before the damage
        for out in resampler.resample(None):
            chunks.append(out.to_ndarray())
        codec = _CODEC_NAMES.get(ctx.name, ctx.name)
        container_name = source.format.name.split(",")[0]
    if not chunks:
        return _Raw(np.zeros((0, channels), np.float32), SAMPLE_RATE, rate, codec, container_name)
    planar = np.concatenate(chunks, axis=1)  # (channels, samples) at 16 kHz
    samples = np.ascontiguousarray(planar.T, dtype=np.float32)
    return _Raw(samples, SAMPLE_RATE, rate, codec, container_name, truncated)


_AV_FORMATS = {
    "flac": "flac",
    "ogg": "ogg",
    "mp3": "mp3",
    "matroska": "matroska",
    "amr": "amr",
    "aac": "aac",
    "aiff": "aiff",
    "caf": "caf",
    "au": "au",
    "wav": "wav",
    "w64": None,
    "mp4": None,
}
_CODEC_NAMES = {"mp3float": "mp3", "mp3": "mp3"}


def _reason(exc: Exception) -> str:
    text = str(exc)
    return text.split(": '", 1)[0] if text else type(exc).__name__


# --- common end ------------------------------------------------------------------------


def _finish(raw: _Raw, limits: AudioLimits, caller_channel: int) -> DecodedAudio:
    frames, channels = raw.samples.shape
    if frames == 0:
        raise AudioEmpty("the audio contains no samples")
    input_rate = raw.input_rate
    if channels == 1:
        caller_index, agent_index = 0, None
    else:
        if caller_channel >= channels:
            raise ValueError(f"caller_channel {caller_channel} but the audio has {channels}")
        caller_index = caller_channel
        agent_index = 1 if caller_channel == 0 else 0
    caller = _resample(raw.samples[:, caller_index], raw.rate)
    agent = _resample(raw.samples[:, agent_index], raw.rate) if agent_index is not None else None
    duration = len(caller) / SAMPLE_RATE
    if duration > limits.max_seconds:
        raise AudioTooLong(_too_long(duration, limits))
    if len(caller) == 0:
        raise AudioEmpty("the audio contains no samples")
    if duration < limits.min_seconds:
        raise AudioTooShort(
            f"the audio is {duration:.3f} s long; at least {limits.min_seconds:g} s is needed"
        )
    return DecodedAudio(
        caller=caller,
        agent=agent,
        sample_rate=input_rate,
        channels=channels,
        codec=raw.codec,
        container=raw.container,
        duration=duration,
        truncated=raw.truncated,
    )


def _resample(samples: np.ndarray, rate: int) -> np.ndarray:
    """Polyphase resampling to 16 kHz (exact ratio, anti-aliased)."""
    samples = np.ascontiguousarray(samples, dtype=np.float32)
    if rate == SAMPLE_RATE:
        return samples.copy()
    from scipy.signal import resample_poly

    common = gcd(SAMPLE_RATE, rate)
    out = resample_poly(samples, SAMPLE_RATE // common, rate // common)
    return np.asarray(out, dtype=np.float32)


def _too_long(seconds: float, limits: AudioLimits, *, at_least: bool = False) -> str:
    prefix = "more than " if at_least else ""
    limit = f"{limits.max_seconds:g} s"
    if limits.max_seconds >= 120:
        limit += f" ({limits.max_seconds / 60:g} minutes)"
    return f"the audio is {prefix}{seconds:.1f} s long; the limit is {limit}"
