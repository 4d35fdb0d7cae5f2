"""Speech-stage benchmark: what the service costs over plain faster-whisper, and throughput.

Run from the repository root: ``python -m bench.bench_speech`` (about 3-5 minutes on two
cores). Writes ``bench/results/speech.json``. Test calls are synthesised with espeak-ng and
sox, like the tests, so the numbers are for synthetic speech: English is clean, espeak's
Korean is hard for Whisper (it loops), which is the worst case for decode time.

Measured:
- real-time factor (RTF = processing seconds / audio seconds) of ``Transcriber`` against
  ``WhisperModel.transcribe`` on the same audio, same model and same decoding settings;
  the service's own work (VAD packing, guards, bookkeeping) is also timed on its own;
- beam 1 against beam 5 (time and character error rate on the English call);
- throughput with 1, 2 and 4 calls in flight through ``TranscriptionPool``;
- ``BatchedInferencePipeline`` against sequential decoding;
- model load time and resident memory.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from bench.machine import describe_machine
from callcenter.audio import decode_audio
from models.cache import default_cache_dir
from models.speech.pool import TranscriptionPool
from models.speech.transcriber import SAMPLE_RATE, TranscribeOptions, Transcriber
from models.speech.whisper_model import assemble_whisper_base, load_whisper

RESULTS = Path(__file__).resolve().parent / "results" / "speech.json"

# Why the defaults are what they are; the figures this run measured sit beside them.
CHOICES = {
    "beam_size=1": "beams: beam 5 was not more accurate on the English call (CER) and no "
    "better on synthetic Korean, and a beam multiplies what a repetition loop costs.",
    "temperature=0.0, no fallback": "faster-whisper's retries (0.2..1.0) made hard audio 5-7x "
    "slower and mostly produced other inventions; the guards drop weak text instead.",
    "vad_filter=True, min_silence 500 ms, pad 200 ms": "silence and noise never reach Whisper "
    "(0 decoder passes on silence/noise in the tests); 500 ms splits a caller's turns.",
    "max_window_s=28, split_failed_windows": "packing utterances keeps the encoder passes of a "
    "clean call at faster-whisper's own count (overhead.english_decoded_as_en.decode_passes); "
    "a failed window is re-decoded per utterance, which is what a hard call pays for "
    "(overhead.korean_default.decode_passes).",
    "language_detection=when_poor": "detection costs one encoder pass and, by the rule that a "
    "call leaves Korean only when the Korean text is poor, cannot change a good Korean result.",
    "drop rules (no_speech 0.6 & log-prob -1.0; log-prob -1.8; loop over no_speech 0.5)": "the "
    "first is Whisper's own silence rule applied per segment; -1.8 keeps espeak Korean "
    "(-1.0..-1.6) while dropping text Whisper itself barely believes.",
}

EN_SENTENCES = (
    "Hello, I am calling about my water bill.",
    "It was much higher than usual this month.",
    "Could you tell me which office handles this?",
    "I also want to report illegal parking in front of my building.",
    "The car has been there for three days.",
    "What time does the city library close on Sunday?",
    "My passport expired and I need a new one.",
    "Where can I get a resident registration certificate?",
    "The bus route near my house changed last week.",
    "Thank you very much for your help.",
)
KO_SENTENCES = (
    "안녕하세요. 다산콜센터에 문의드립니다.",
    "주민등록등본을 발급받고 싶은데 어디로 가야 하나요?",
    "이번 달 수도 요금이 너무 많이 나왔어요.",
    "버스 노선이 바뀌었다고 들었는데 확인해 주실 수 있나요?",
    "불법 주차 신고는 어떻게 하나요?",
    "쓰레기 수거 날짜를 알고 싶습니다.",
    "여권 재발급은 구청에서 하나요?",
    "지하철 분실물 센터 전화번호를 알려주세요.",
    "공원 운영 시간이 어떻게 되나요?",
    "감사합니다. 좋은 하루 되세요.",
)


# --- audio --------------------------------------------------------------------------------


def _run(*args: str | Path) -> None:
    if args[0] == "sox":
        args = ("sox", "-R", *args[1:])  # repeatable dither: the same calls every run
    subprocess.run([str(a) for a in args], check=True, capture_output=True)


def make_call(
    workdir: Path, name: str, voice: str, sentences: tuple[str, ...], gap_s: float
) -> np.ndarray:
    """Sentences spoken by espeak-ng with silences between them, as 8 kHz μ-law."""
    gap = workdir / "gap.wav"
    _run("sox", "-n", "-r", "16000", "-c", "1", "-b", "16", gap, "trim", "0", str(gap_s))
    parts: list[Path] = []
    for i, sentence in enumerate(sentences):
        raw, part = workdir / f"{name}{i}.raw.wav", workdir / f"{name}{i}.wav"
        _run("espeak-ng", "-v", voice, "-s", "140", "-w", raw, sentence)
        _run("sox", raw, "-r", "16000", "-b", "16", part)
        parts += [part, gap]
    out = workdir / f"{name}.wav"
    _run("sox", *parts, "-r", "8000", "-e", "u-law", out)
    return decode_audio(
        out.read_bytes(), content_type=None, filename=out.name, pcm_sample_rate=None
    ).caller


def cer(reference: str, hypothesis: str) -> float:
    def norm(s: str) -> str:
        return re.sub(r"[^\w]", "", s.lower())

    ref, hyp = norm(reference), norm(hypothesis)
    row = list(range(len(hyp) + 1))
    for i in range(1, len(ref) + 1):
        prev, row[0] = row[0], i
        for j in range(1, len(hyp) + 1):
            cur = min(row[j] + 1, row[j - 1] + 1, prev + (ref[i - 1] != hyp[j - 1]))
            prev, row[j] = row[j], cur
    return row[len(hyp)] / max(len(ref), 1)


# --- measurement helpers ------------------------------------------------------------------


def rss_mb() -> tuple[float, float]:
    """Resident and peak resident memory of this process, MiB."""
    values = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024
    return round(values.get("VmRSS", 0.0), 1), round(values.get("VmHWM", 0.0), 1)


def timed(fn: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


class ModelTimer:
    """Wraps a WhisperModel to total the seconds spent inside transcribe/detect_language."""

    def __init__(self, model: Any) -> None:
        self._model = model
        self.seconds = 0.0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._model, name)

    def transcribe(self, *args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        segments, info = self._model.transcribe(*args, **kwargs)
        segments = list(segments)  # the generator does the work
        self.seconds += time.perf_counter() - start
        return segments, info

    def detect_language(self, *args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        result = self._model.detect_language(*args, **kwargs)
        self.seconds += time.perf_counter() - start
        return result


def direct(model: Any, audio: np.ndarray, opts: TranscribeOptions, language: str | None) -> str:
    """Plain faster-whisper with the service's decoding settings (its own long-form loop)."""
    segments, _info = model.transcribe(
        audio,
        language=language,
        beam_size=opts.beam_size,
        best_of=1,
        temperature=opts.temperature,
        condition_on_previous_text=opts.condition_on_previous_text,
        vad_filter=opts.vad_filter,
        vad_parameters={
            "threshold": opts.vad_threshold,
            "min_silence_duration_ms": opts.vad_min_silence_ms,
            "speech_pad_ms": opts.vad_speech_pad_ms,
        },
    )
    return " ".join(s.text.strip() for s in segments)


# --- sections -----------------------------------------------------------------------------


def bench_overhead(
    model: Any, calls: dict[str, np.ndarray], refs: dict[str, str], repeats: int
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    cases = [
        # same language, same work: the service's overhead proper (repeated, interleaved)
        ("english_decoded_as_en", "en", TranscribeOptions(language="en"), "en", repeats),
        # the default path on (synthetic, hard) Korean speech
        ("korean_default", "ko", TranscribeOptions(), "ko", 1),
        # an English call under the default (Korean-first) policy vs faster-whisper's auto-detect
        ("english_under_korean_first_policy", "en", TranscribeOptions(), None, 1),
    ]
    for name, call, opts, direct_language, rounds in cases:
        audio = calls[call]
        seconds = len(audio) / SAMPLE_RATE
        timer = ModelTimer(model)
        transcriber = Transcriber(timer, opts)  # type: ignore[arg-type]
        service_times, direct_times = [], []
        transcript, direct_text = None, ""
        for _ in range(rounds):  # interleaved, so both see the same background load
            start = time.perf_counter()
            transcript = transcriber.transcribe(audio)
            service_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            direct_text = direct(model, audio, opts, direct_language)
            direct_times.append(time.perf_counter() - start)
        assert transcript is not None
        service_s, direct_s = statistics.median(service_times), statistics.median(direct_times)
        inside = timer.seconds / rounds
        own = statistics.mean(service_times) - inside
        vad_s, _ = timed(lambda t=transcriber, a=audio: t._utterances(a), 1)
        out[name] = {
            "audio_s": round(seconds, 2),
            "rounds": rounds,
            "service_s": round(service_s, 3),
            "direct_s": round(direct_s, 3),
            "service_runs_s": [round(x, 2) for x in service_times],
            "direct_runs_s": [round(x, 2) for x in direct_times],
            "service_rtf": round(service_s / seconds, 4),
            "direct_rtf": round(direct_s / seconds, 4),
            "service_vs_direct_pct": round(100 * (service_s / direct_s - 1), 1),
            # outside Whisper's transcribe/detect: VAD (faster-whisper runs it too), packing,
            # guards, bookkeeping; "added" leaves out the VAD both sides pay
            "service_own_work_s": round(own, 3),
            "vad_s": round(vad_s, 3),
            "service_added_work_s": round(own - vad_s, 3),
            "service_added_work_pct": round(
                100 * (own - vad_s) / statistics.mean(service_times), 2
            ),
            "decode_passes": transcript.decode_passes,
            "windows": transcript.settings["windows"],
            "utterances": transcript.settings["utterances"],
            "language": transcript.language,
            "language_reason": transcript.language_reason,
            "service_cer": round(cer(refs[call], transcript.text), 3),
            "direct_cer": round(cer(refs[call], direct_text), 3),
            "service_chars": len(transcript.text),
            "direct_chars": len(direct_text),
            "dropped": len(transcript.dropped),
        }
        print(name, json.dumps(out[name], ensure_ascii=False), flush=True)
    return out


def bench_beams(
    model: Any, calls: dict[str, np.ndarray], refs: dict[str, str], overhead: dict[str, Any]
) -> dict[str, Any]:
    """Beam 5 against the default (beam 1, measured in the overhead section)."""
    default = TranscribeOptions().beam_size
    out: dict[str, Any] = {
        f"beam{default}_en": {
            "seconds": overhead["english_decoded_as_en"]["service_s"],
            "cer": overhead["english_decoded_as_en"]["service_cer"],
        },
        f"beam{default}_ko": {
            "seconds": overhead["korean_default"]["service_s"],
            "cer": overhead["korean_default"]["service_cer"],
        },
    }
    other = 5 if default != 5 else 1
    for call, language in (("en", "en"), ("ko", "ko")):
        transcriber = Transcriber(model, TranscribeOptions(language=language, beam_size=other))
        audio = calls[call]
        seconds, transcript = timed(lambda t=transcriber, a=audio: t.transcribe(a), 1)
        out[f"beam{other}_{call}"] = {
            "seconds": round(seconds, 3),
            "cer": round(cer(refs[call], transcript.text), 3),
            "decode_passes": transcript.decode_passes,
        }
    for key, value in out.items():
        value["rtf"] = round(value["seconds"] / (len(calls[key[-2:]]) / SAMPLE_RATE), 4)
    print("beams", out, flush=True)
    return out


def bench_pool(model_dir: Path, clips: list[np.ndarray], threads: int) -> dict[str, Any]:
    """Calls per second and audio-seconds per second with 1, 2, 4 calls in flight."""
    out: dict[str, Any] = {}
    audio_s = sum(len(c) for c in clips) / SAMPLE_RATE
    opts = TranscribeOptions(language="en")

    async def run(pool: TranscriptionPool) -> float:
        start = time.perf_counter()
        await asyncio.gather(*(pool.transcribe(c) for c in clips))
        return time.perf_counter() - start

    model = load_whisper(model=model_dir, cpu_threads=1, num_workers=4)
    transcriber = Transcriber(model, opts)
    transcriber.transcribe(clips[0][: SAMPLE_RATE * 2])  # warm-up
    for workers in (1, 2, 4):
        with TranscriptionPool(transcriber, workers=workers, max_pending=len(clips)) as pool:
            wall = asyncio.run(run(pool))
        key = f"cpu_threads=1,in_flight={workers}"
        out[key] = {
            "calls": len(clips),
            "wall_s": round(wall, 2),
            "calls_per_min": round(60 * len(clips) / wall, 1),
            "audio_s_per_s": round(audio_s / wall, 2),
        }
        print(key, out[key], flush=True)
    del model, transcriber
    model = load_whisper(model=model_dir, cpu_threads=threads, num_workers=1)
    transcriber = Transcriber(model, opts)
    transcriber.transcribe(clips[0][: SAMPLE_RATE * 2])
    with TranscriptionPool(transcriber, workers=1, max_pending=len(clips)) as pool:
        wall = asyncio.run(run(pool))
    key = f"cpu_threads={threads},in_flight=1"
    out[key] = {
        "calls": len(clips),
        "wall_s": round(wall, 2),
        "calls_per_min": round(60 * len(clips) / wall, 1),
        "audio_s_per_s": round(audio_s / wall, 2),
    }
    print(key, out[key], flush=True)
    return out


def bench_batched(model: Any, audio: np.ndarray, ref: str, repeats: int) -> dict[str, Any]:
    from faster_whisper import BatchedInferencePipeline

    opts = TranscribeOptions(language="en")
    seconds = len(audio) / SAMPLE_RATE
    out: dict[str, Any] = {}
    sequential_s, text = timed(lambda: direct(model, audio, opts, "en"), repeats)
    out["sequential"] = {
        "seconds": round(sequential_s, 3),
        "rtf": round(sequential_s / seconds, 4),
        "cer": round(cer(ref, text), 3),
    }
    pipeline = BatchedInferencePipeline(model)
    for batch in (4, 8):

        def batched(b: int = batch) -> str:
            segments, _ = pipeline.transcribe(
                audio,
                language="en",
                beam_size=opts.beam_size,
                temperature=0.0,
                condition_on_previous_text=False,
                vad_filter=True,
                batch_size=b,
            )
            return " ".join(s.text.strip() for s in segments)

        batched_s, text = timed(batched, repeats)
        out[f"batched_{batch}"] = {
            "seconds": round(batched_s, 3),
            "rtf": round(batched_s / seconds, 4),
            "cer": round(cer(ref, text), 3),
        }
    print("batched", out, flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, default=default_cache_dir())
    parser.add_argument("--threads", type=int, default=2, help="cpu_threads for one call")
    parser.add_argument("--repeats", type=int, default=3, help="rounds for the overhead check")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()

    started = time.perf_counter()
    rss_before, _ = rss_mb()
    model_dir = assemble_whisper_base(cache_dir=args.cache_dir)
    load_start = time.perf_counter()
    model = load_whisper(model=model_dir, cpu_threads=args.threads, num_workers=1)
    load_s = time.perf_counter() - load_start
    rss_after, _ = rss_mb()

    with tempfile.TemporaryDirectory(prefix="bench-speech-") as tmp:
        workdir = Path(tmp)
        calls = {
            "en": make_call(workdir, "en", "en", EN_SENTENCES, 2.5),
            "ko": make_call(workdir, "ko", "ko", KO_SENTENCES, 2.5),
        }
        short = [make_call(workdir, f"s{i}", "en", EN_SENTENCES[i * 2 : i * 2 + 2], 1.0)
                 for i in range(4)]  # fmt: skip
    refs = {"en": " ".join(EN_SENTENCES), "ko": " ".join(KO_SENTENCES)}
    Transcriber(model, TranscribeOptions()).transcribe(calls["en"][: SAMPLE_RATE * 3])  # warm-up

    results: dict[str, Any] = {
        "machine": describe_machine(
            load_average_at_start=[round(x, 2) for x in os.getloadavg()],
        ),
        "model": {
            "dir": str(model_dir),
            "load_s": round(load_s, 2),
            "rss_mb_before_load": rss_before,
            "rss_mb_after_load": rss_after,
            "compute_type": "int8",
            "cpu_threads": args.threads,
        },
        "audio": {k: round(len(v) / SAMPLE_RATE, 1) for k, v in calls.items()},
        "settings": _options_dict(),
        "choices": CHOICES,
    }
    print(json.dumps(results, ensure_ascii=False), flush=True)
    results["overhead"] = bench_overhead(model, calls, refs, args.repeats)
    results["beams"] = bench_beams(model, calls, refs, results["overhead"])
    results["batched"] = bench_batched(model, calls["en"], refs["en"], 1)
    _, peak = rss_mb()
    results["model"]["rss_mb_peak_single_model"] = peak
    del model
    results["pool"] = bench_pool(model_dir, short, args.threads)
    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    results["total_s"] = round(time.perf_counter() - started, 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out} in {results['total_s']} s")


def _options_dict() -> dict[str, Any]:
    from dataclasses import asdict

    settings = asdict(TranscribeOptions())
    settings.pop("hallucination_phrases")
    return settings


if __name__ == "__main__":
    main()
