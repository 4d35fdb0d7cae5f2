"""Audio decoding: every upload format to 16 kHz mono float32, and the typed refusals."""

from __future__ import annotations

import io
from collections.abc import Callable

import av
import numpy as np
import pytest

from callcenter.audio import (
    SAMPLE_RATE,
    AudioCorrupt,
    AudioEmpty,
    AudioLimits,
    AudioTooLarge,
    AudioTooLong,
    AudioTooShort,
    DecodedAudio,
    UnsupportedAudio,
    decode_audio,
)
from callcenter.audio.g711 import expand_alaw, expand_ulaw
from tests.speech.conftest import Clips, run_bytes


def decode(data: bytes, **kwargs: object) -> DecodedAudio:
    args: dict[str, object] = {"content_type": None, "filename": None, "pcm_sample_rate": None}
    args.update(kwargs)
    return decode_audio(data, **args)  # type: ignore[arg-type]


# name, input rate, codec, duration tolerance in seconds (MP3 adds encoder padding)
FORMATS = [
    ("ko.wav", 22050, "pcm_s16le", 0.002),
    ("ko_ulaw8k.wav", 8000, "pcm_mulaw", 0.002),
    ("ko_alaw8k.wav", 8000, "pcm_alaw", 0.002),
    ("ko_pcm8k.wav", 8000, "pcm_s16le", 0.002),
    ("ko_u8_8k.wav", 8000, "pcm_u8", 0.002),
    ("ko_pcm16k.wav", 16000, "pcm_s16le", 0.002),
    ("ko_pcm44k.wav", 44100, "pcm_s16le", 0.002),
    ("ko_pcm48k_24.wav", 48000, "pcm_s24le", 0.002),
    ("ko_s32_16k.wav", 16000, "pcm_s32le", 0.002),
    ("ko_float22k.wav", 22050, "pcm_f32le", 0.002),
    ("ko_ima_adpcm8k.wav", 8000, "adpcm_ima_wav", 0.07),  # through PyAV; block padding
    ("ko.mp3", 22050, "mp3", 0.12),
    ("ko.ogg", 22050, "vorbis", 0.02),
    ("ko.flac", 22050, "flac", 0.002),
]


@pytest.mark.parametrize(("name", "rate", "codec", "tolerance"), FORMATS)
def test_every_format_decodes_to_16k_mono_at_the_source_duration(
    clips: Clips, name: str, rate: int, codec: str, tolerance: float
) -> None:
    decoded = decode(clips.path(name).read_bytes(), filename=name)
    assert decoded.sample_rate == rate
    assert decoded.codec == codec
    assert decoded.channels == 1 and decoded.agent is None
    assert decoded.caller.dtype == np.float32 and decoded.caller.ndim == 1
    assert decoded.duration == pytest.approx(len(decoded.caller) / SAMPLE_RATE)
    assert decoded.duration == pytest.approx(clips.ko_seconds, abs=tolerance)
    assert 0.3 < float(np.abs(decoded.caller).max()) < 1.1  # speech at a sane level
    assert not decoded.truncated


def test_formats_agree_on_the_waveform(clips: Clips) -> None:
    """Resampled 8 kHz and 44.1 kHz versions match the 16 kHz one closely (same speech)."""
    reference = decode(clips.path("ko_pcm16k.wav").read_bytes()).caller
    for name in ("ko_pcm44k.wav", "ko_pcm48k_24.wav", "ko.flac"):
        other = decode(clips.path(name).read_bytes()).caller
        n = min(len(reference), len(other))
        corr = np.corrcoef(reference[:n], other[:n])[0, 1]
        assert corr > 0.98, name


@pytest.mark.parametrize(
    ("name", "expand"), [("ko_ulaw8k.wav", expand_ulaw), ("ko_alaw8k.wav", expand_alaw)]
)
def test_g711_wav_decodes_exactly_like_sox(
    clips: Clips, name: str, expand: Callable[[bytes], np.ndarray]
) -> None:
    path = clips.path(name)
    theirs = np.frombuffer(run_bytes("sox", path, "-t", "s16", "-"), "<i2")
    data = path.read_bytes()
    ours = expand(data[data.index(b"data") + 8 :])
    assert np.array_equal(ours, theirs)
    # and the service decoder's output at 8 kHz is the same samples before resampling
    decoded = decode(data)
    assert decoded.sample_rate == 8000
    assert decoded.duration == pytest.approx(len(theirs) / 8000, abs=1e-3)


@pytest.mark.parametrize(("law", "expand"), [("ul", expand_ulaw), ("al", expand_alaw)])
def test_g711_tables_match_sox_for_every_code(
    clips: Clips, law: str, expand: Callable[[bytes], np.ndarray]
) -> None:
    codes = clips.path(f"codes.{law}")
    codes.write_bytes(bytes(range(256)))
    theirs = run_bytes("sox", "-t", law, "-r", "8000", "-c", "1", codes, "-t", "s16", "-")
    assert np.array_equal(expand(bytes(range(256))), np.frombuffer(theirs, "<i2"))


def test_raw_pcm_needs_and_uses_a_declared_rate(clips: Clips) -> None:
    data = clips.path("ko_8k.pcm").read_bytes()
    with pytest.raises(UnsupportedAudio, match="sample rate"):
        decode(data, content_type="audio/pcm")
    by_header = decode(data, content_type="audio/L16; rate=8000")
    by_argument = decode(data, content_type="audio/pcm", pcm_sample_rate=8000)
    by_name = decode(data, filename="call.pcm", pcm_sample_rate=8000)
    for decoded in (by_header, by_argument, by_name):
        assert decoded.sample_rate == 8000 and decoded.container == "raw"
        assert decoded.duration == pytest.approx(clips.ko_seconds, abs=0.002)
    assert np.array_equal(by_header.caller, by_argument.caller)
    wav = decode(clips.path("ko_pcm8k.wav").read_bytes())
    assert np.allclose(by_header.caller, wav.caller, atol=1e-6)


def test_raw_g711_defaults_to_8k(clips: Clips) -> None:
    wav_bytes = clips.path("ko_ulaw8k.wav").read_bytes()
    body = wav_bytes[wav_bytes.index(b"data") + 8 :]
    raw = decode(body, content_type="audio/PCMU")
    assert raw.sample_rate == 8000 and raw.codec == "pcm_mulaw"
    assert np.allclose(raw.caller, decode(wav_bytes).caller, atol=1e-6)


def test_stereo_splits_caller_and_agent(clips: Clips) -> None:
    data = clips.path("stereo.wav").read_bytes()
    ko = decode(clips.ko.read_bytes()).caller
    en = decode(clips.en.read_bytes()).caller
    call = decode(data)
    assert call.channels == 2 and call.agent is not None
    assert np.allclose(call.caller[: len(ko)], ko, atol=1e-5)
    assert np.allclose(call.agent[: len(en)], en, atol=1e-5)
    swapped = decode(data, caller_channel=1)
    assert swapped.agent is not None
    assert np.array_equal(swapped.caller, call.agent)
    assert np.array_equal(swapped.agent, call.caller)


def _webm_opus(seconds: float = 2.0, rate: int = 48000) -> bytes:
    buf = io.BytesIO()
    with av.open(buf, mode="w", format="webm") as out:
        stream = out.add_stream("libopus", rate=rate)
        stream.layout = "mono"
        t = np.arange(int(rate * seconds)) / rate
        tone = (0.3 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)[None, :]
        frame = av.AudioFrame.from_ndarray(tone, format="flt", layout="mono")
        frame.sample_rate = rate
        for packet in stream.encode(frame):
            out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return buf.getvalue()


def test_webm_opus_decodes() -> None:
    decoded = decode(_webm_opus(2.0), content_type="audio/webm", filename="call.webm")
    assert decoded.codec == "opus" and decoded.sample_rate == 48000
    assert decoded.duration == pytest.approx(2.0, abs=0.03)
    # a 440 Hz tone survives resampling: dominant frequency bin
    spectrum = np.abs(np.fft.rfft(decoded.caller[1000:17000]))
    assert np.argmax(spectrum) * SAMPLE_RATE / 16000 == pytest.approx(440, abs=2)


def test_the_declared_type_does_not_override_the_bytes(clips: Clips) -> None:
    data = clips.path("ko.flac").read_bytes()
    decoded = decode(data, content_type="audio/wav", filename="call.wav")
    assert decoded.codec == "flac"


# --- refusals ----------------------------------------------------------------------------


def test_empty_upload_is_422() -> None:
    with pytest.raises(AudioEmpty) as err:
        decode(b"")
    assert err.value.status_code == 422


def test_wav_without_samples_is_empty(clips: Clips) -> None:
    data = clips.path("ko_pcm16k.wav").read_bytes()
    header = data[: data.index(b"data") + 4] + (0).to_bytes(4, "little")
    with pytest.raises(AudioEmpty):
        decode(header)


@pytest.mark.parametrize("cut", [4, 11, 20, 30])
def test_truncated_wav_header_is_corrupt_422(clips: Clips, cut: int) -> None:
    data = clips.path("ko_pcm16k.wav").read_bytes()[:cut]
    with pytest.raises(AudioCorrupt) as err:
        decode(data)
    assert err.value.status_code == 422
    assert "truncated" in str(err.value)


def test_truncated_wav_data_keeps_what_is_there(clips: Clips) -> None:
    data = clips.path("ko_pcm16k.wav").read_bytes()
    decoded = decode(data[: len(data) // 2 + 1])
    assert decoded.truncated
    assert decoded.duration == pytest.approx(clips.ko_seconds / 2, abs=0.01)


@pytest.mark.parametrize("name", ["ko.flac", "ko.mp3", "ko.ogg"])
def test_truncated_compressed_header_is_corrupt(clips: Clips, name: str) -> None:
    with pytest.raises(AudioCorrupt):
        decode(clips.path(name).read_bytes()[:24])


def test_random_bytes_are_unsupported_415() -> None:
    rng = np.random.default_rng(7)
    for _ in range(5):
        data = rng.integers(0, 256, 4000, dtype=np.uint8).tobytes()
        if data[:1] == b"\xff":  # could pass for an MPEG frame header; not what we test
            continue
        with pytest.raises(UnsupportedAudio) as err:
            decode(data, filename="upload.bin")
        assert err.value.status_code == 415
    with pytest.raises(UnsupportedAudio):
        decode(b"%PDF-1.7 not audio at all" * 20, content_type="application/pdf")


def test_unsupported_wav_codec_is_refused_clearly(clips: Clips) -> None:
    data = bytearray(clips.path("ko_pcm16k.wav").read_bytes())
    fmt = data.index(b"fmt ") + 8
    data[fmt : fmt + 2] = (0x1234).to_bytes(2, "little")  # no such codec
    with pytest.raises((UnsupportedAudio, AudioCorrupt), match="0x1234"):
        decode(bytes(data))


def test_oversized_upload_is_413(clips: Clips) -> None:
    data = clips.path("ko_pcm16k.wav").read_bytes()
    with pytest.raises(AudioTooLarge) as err:
        decode(data, limits=AudioLimits(max_bytes=len(data) - 1))
    assert err.value.status_code == 413
    assert decode(data, limits=AudioLimits(max_bytes=len(data))).duration > 0


@pytest.mark.parametrize("name", ["ko_pcm16k.wav", "ko.flac", "ko.mp3", "ko_8k.pcm"])
def test_too_long_is_413_and_too_short_is_422(clips: Clips, name: str) -> None:
    data = clips.path(name).read_bytes()
    kwargs: dict[str, object] = {}
    if name.endswith(".pcm"):
        kwargs["content_type"] = "audio/L16;rate=8000"
    with pytest.raises(AudioTooLong) as long_err:
        decode(data, limits=AudioLimits(max_seconds=clips.ko_seconds / 2), **kwargs)
    assert long_err.value.status_code == 413
    with pytest.raises(AudioTooShort) as short_err:
        decode(data, limits=AudioLimits(min_seconds=clips.ko_seconds + 1), **kwargs)
    assert short_err.value.status_code == 422


def test_compressed_bomb_stops_at_the_limit() -> None:
    """A tiny FLAC of long silence is refused while decoding, not after."""
    buf = io.BytesIO()
    rate = 8000
    with av.open(buf, mode="w", format="flac") as out:
        stream = out.add_stream("flac", rate=rate)
        stream.layout = "mono"
        silence = np.zeros((1, rate * 10), dtype=np.int16)
        for _ in range(60):  # 10 minutes
            frame = av.AudioFrame.from_ndarray(silence, format="s16", layout="mono")
            frame.sample_rate = rate
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    data = buf.getvalue()
    assert len(data) < 200_000
    with pytest.raises(AudioTooLong):
        decode(data, limits=AudioLimits(max_seconds=60))
