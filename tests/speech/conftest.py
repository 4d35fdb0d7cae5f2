"""Test audio made at test time (espeak-ng speaks, sox converts) and one loaded Whisper model.

Nothing here is checked in: every clip is synthesised into a session temp dir, so the
tests exercise the same decoders on the same kinds of files a call centre uploads.
espeak-ng's Korean is barely intelligible, so the tests assert pipeline behaviour (which
language, speech or not, which channel, durations), never exact words.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

KO_TEXT = "안녕하세요. 주민등록등본을 발급받고 싶은데 어디로 가야 하나요?"
EN_TEXT = "Hello, I would like to ask about my water bill. It is too high this month."
KO_LONG = (
    "안녕하세요. 다산콜센터에 문의드립니다.",
    "이번 달 수도 요금이 너무 많이 나왔어요.",
    "불법 주차 신고는 어떻게 하나요?",
    "쓰레기 수거 날짜를 알고 싶습니다.",
    "지하철 분실물 센터 전화번호를 알려주세요.",
    "감사합니다. 좋은 하루 되세요.",
)
LONG_GAP_S = 9.0  # the caller is silent while the agent talks


def run(*args: str | Path) -> str:
    if args[0] == "sox" and "-R" not in args:
        args = ("sox", "-R", *args[1:])  # repeatable dither: the same files every session
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{args[0]} failed: {result.stderr.strip()}")
    return result.stdout


def run_bytes(*args: str | Path) -> bytes:
    """A command's binary stdout (sox writing raw samples to ``-``)."""
    result = subprocess.run([str(a) for a in args], capture_output=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{args[0]} failed: {result.stderr.decode(errors='replace').strip()}")
    return result.stdout


def soxi_duration(path: Path) -> float:
    return float(run("soxi", "-D", path).strip())


@dataclass(frozen=True)
class Clips:
    """Generated files: a name for each, and the source duration they all share."""

    dir: Path
    ko: Path  # espeak output, 22.05 kHz 16-bit mono
    en: Path
    ko_seconds: float
    en_seconds: float

    def path(self, name: str) -> Path:
        return self.dir / name


@pytest.fixture(scope="session")
def tools() -> None:
    missing = [tool for tool in ("espeak-ng", "sox", "soxi") if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"the speech tests need {', '.join(missing)} (apt-get install espeak-ng sox)")


@pytest.fixture(scope="session")
def clips(tools: None, tmp_path_factory: pytest.TempPathFactory) -> Clips:
    d = tmp_path_factory.mktemp("speech-audio")
    ko, en = d / "ko.wav", d / "en.wav"
    run("espeak-ng", "-v", "ko", "-s", "120", "-w", ko, KO_TEXT)  # slow: Whisper follows better
    run("espeak-ng", "-v", "en", "-s", "150", "-w", en, EN_TEXT)
    conversions: dict[str, list[str]] = {
        "ko_ulaw8k.wav": ["-r", "8000", "-e", "u-law"],
        "ko_alaw8k.wav": ["-r", "8000", "-e", "a-law"],
        "ko_pcm8k.wav": ["-r", "8000", "-b", "16"],
        "ko_u8_8k.wav": ["-r", "8000", "-b", "8", "-e", "unsigned"],
        "ko_pcm16k.wav": ["-r", "16000", "-b", "16"],
        "ko_pcm44k.wav": ["-r", "44100", "-b", "16"],
        "ko_pcm48k_24.wav": ["-r", "48000", "-b", "24"],
        "ko_s32_16k.wav": ["-r", "16000", "-b", "32"],
        "ko_float22k.wav": ["-e", "float", "-b", "32"],
        "ko_ima_adpcm8k.wav": ["-r", "8000", "-e", "ima-adpcm"],
        "ko.mp3": [],
        "ko.ogg": [],
        "ko.flac": [],
    }
    for name, args in conversions.items():
        run("sox", ko, *args, d / name)
    run("sox", d / "ko_pcm8k.wav", "-t", "s16", d / "ko_8k.pcm")
    run("sox", en, "-r", "8000", "-e", "u-law", d / "en_ulaw8k.wav")  # the same samples, headerless
    # stereo call: Korean caller on channel 0, English agent on channel 1 (padded to match)
    run("sox", "-M", ko, en, d / "stereo.wav")
    run("sox", "-n", "-r", "16000", "-c", "1", d / "silence.wav", "trim", "0", "8")
    run(
        "sox",
        "-n",
        "-r",
        "16000",
        "-c",
        "1",
        d / "noise.wav",
        "synth",
        "8",
        "whitenoise",
        "vol",
        "0.3",
    )
    run("sox", "-n", "-r", "8000", "-c", "1", "-e", "u-law", d / "noise_ulaw8k.wav",
        "synth", "8", "whitenoise", "vol", "0.3")  # fmt: skip
    return Clips(dir=d, ko=ko, en=en, ko_seconds=soxi_duration(ko), en_seconds=soxi_duration(en))


@pytest.fixture(scope="session")
def long_ko_call(clips: Clips) -> Path:
    """A >60 s Korean caller channel: six utterances with long silences between them."""
    parts: list[Path] = []
    gap = clips.path("gap.wav")
    run("sox", "-n", "-r", "16000", "-c", "1", "-b", "16", gap, "trim", "0", str(LONG_GAP_S))
    for i, sentence in enumerate(KO_LONG):
        raw = clips.path(f"long_{i}.raw.wav")
        part = clips.path(f"long_{i}.wav")
        run("espeak-ng", "-v", "ko", "-s", "140", "-w", raw, sentence)
        run("sox", raw, "-r", "16000", "-b", "16", part)
        parts += [part, gap]
    out = clips.path("long_ko_ulaw8k.wav")
    run("sox", *parts, "-r", "8000", "-e", "u-law", out)
    return out


@pytest.fixture(scope="session")
def whisper_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from models.speech.whisper_model import assemble_whisper_base

    return assemble_whisper_base(cache_dir=tmp_path_factory.mktemp("whisper-cache"))


@pytest.fixture(scope="session")
def whisper_model(whisper_dir: Path):  # type: ignore[no-untyped-def]
    from models.speech.whisper_model import load_whisper

    return load_whisper(model=whisper_dir, cpu_threads=2, num_workers=2)


@pytest.fixture(scope="session")
def transcriber(whisper_model):  # type: ignore[no-untyped-def]
    from models.speech.transcriber import TranscribeOptions, Transcriber

    return Transcriber(whisper_model, TranscribeOptions())


@pytest.fixture(scope="session")
def load_16k() -> Callable[[Path], object]:
    """Decode a file with the service decoder (caller channel, 16 kHz)."""
    from callcenter.audio import decode_audio

    def load(path: Path):  # type: ignore[no-untyped-def]
        return decode_audio(
            path.read_bytes(), content_type=None, filename=path.name, pcm_sample_rate=None
        ).caller

    return load
