"""Test calls made at test time: espeak-ng speaks, sox turns it into phone audio.

espeak's Korean is barely intelligible, so tests built on these assert pipeline
behaviour (status, language, durations, routing fields), never exact words.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

KO_SENTENCES = (
    "안녕하세요. 다산콜센터에 문의드립니다.",
    "이번 달 수도 요금이 너무 많이 나왔어요.",
    "불법 주차 신고는 어떻게 하나요?",
    "쓰레기 수거 날짜를 알고 싶습니다.",
)


def run(*args: str | Path) -> str:
    """Run a tool (espeak-ng, sox, soxi) and return its output; fail loudly if missing."""
    if shutil.which(str(args[0])) is None:
        raise RuntimeError(f"test audio needs {args[0]} (apt-get install espeak-ng sox)")
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{args[0]} failed: {result.stderr.strip()}")
    return result.stdout


def speak(directory: Path, text: str, *, voice: str = "ko", name: str = "speech") -> Path:
    """espeak-ng output converted to an 8 kHz mu-law WAV, as the phone network sends it."""
    raw = directory / f"{name}.raw.wav"
    out = directory / f"{name}.wav"
    run("espeak-ng", "-v", voice, "-s", "150", "-w", raw, text)
    run("sox", raw, "-r", "8000", "-e", "u-law", out)
    return out


def silence(directory: Path, *, seconds: float = 5.0, name: str = "silence") -> Path:
    out = directory / f"{name}.wav"
    run("sox", "-n", "-r", "8000", "-c", "1", "-e", "u-law", out, "trim", "0", str(seconds))
    return out


def noise(directory: Path, *, seconds: float = 5.0, name: str = "noise") -> Path:
    out = directory / f"{name}.wav"
    run("sox", "-n", "-r", "8000", "-c", "1", "-e", "u-law", out,
        "synth", str(seconds), "whitenoise", "vol", "0.3")  # fmt: skip
    return out


def long_korean_call(directory: Path, *, seconds: float = 70.0, name: str = "long") -> Path:
    """Korean utterances separated by pauses until the call lasts about ``seconds``."""
    parts: list[Path] = []
    gap = directory / f"{name}-gap.wav"
    run("sox", "-n", "-r", "16000", "-c", "1", "-b", "16", gap, "trim", "0", "3")
    total, i = 0.0, 0
    while total < seconds:
        sentence = KO_SENTENCES[i % len(KO_SENTENCES)]
        raw = directory / f"{name}-{i}.raw.wav"
        part = directory / f"{name}-{i}.wav"
        run("espeak-ng", "-v", "ko", "-s", "140", "-w", raw, sentence)
        run("sox", raw, "-r", "16000", "-c", "1", "-b", "16", part)
        parts += [part, gap]
        total += _seconds(part) + 3.0
        i += 1
    out = directory / f"{name}.wav"
    run("sox", *parts, "-r", "8000", "-e", "u-law", out)
    return out


def _seconds(path: Path) -> float:
    return float(run("soxi", "-D", path).strip())
