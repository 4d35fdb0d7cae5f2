"""Speech to text for one call's caller channel, in Korean unless the call is clearly foreign.

How a call is decoded, and why:

- Silero VAD (bundled with faster-whisper) cuts the call into utterances; silence and noise
  never reach Whisper, so they cannot be turned into invented sentences.
- Utterances are packed, in order, into windows of at most ``max_window_s`` of speech and
  each window is decoded on its own. Whisper's own long-form loop judged every 30-s window
  of a synthetic 88-s call "no speech" and returned nothing; windows that start and end on
  utterance boundaries avoid that. Whisper scores a whole decoding pass at once, so one
  hard utterance can sink its neighbours: a packed window that fails (a repetition loop,
  a segment dropped for low confidence, or text that stops before its last utterance) is
  decoded again one utterance at a time, so a bad stretch costs that stretch only.
- Korean is decoded first. Whisper base's language guess on Korean speech is unreliable (on
  synthetic Korean it said Thai, Welsh or Japanese), so a call is marked foreign only when
  the Korean text is poor (low log-prob, few Hangul letters, or nothing kept) AND the
  detector names an allowed language with high probability AND the decode in that language
  scores better than the Korean one. Detection runs only when the Korean text is poor
  (``language_detection="when_poor"``): it costs a full encoder pass and cannot change the
  outcome otherwise. Failed Korean windows are split only once the call is known to stay
  Korean.
- Greedy decoding (beam 1) at temperature 0, no fallback: on the benchmark calls beam 5 was
  no more accurate, and faster-whisper's temperature retries made hard audio 5-7x slower
  while mostly producing other inventions. Each window's token budget is capped by its
  length, which bounds what a repetition loop can cost.
- ``condition_on_previous_text`` is off so that one hallucination cannot seed the next.
"""

from __future__ import annotations

import bisect
import math
import re
import time
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from models.speech.guards import (
    DEFAULT_HALLUCINATION_PHRASES,
    GuardResult,
    GuardRules,
    apply_guards,
)
from models.speech.transcript import DroppedSegment, Transcript, TranscriptSegment

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

SAMPLE_RATE = 16_000
_MAX_LENGTH = 448  # Whisper's decoder context
_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_SCRIPTS = {"ko": _HANGUL}
_CONFIDENCE_DROPS = frozenset({"no_speech", "low_logprob", "loop_no_speech"})


@dataclass(frozen=True, slots=True)
class TranscribeOptions:
    """Decoding settings; the defaults are what the service runs (see bench_speech)."""

    language: str = "ko"
    foreign_languages: tuple[str, ...] = ("en", "zh", "ja", "vi", "mn")
    foreign_min_probability: float = 0.8
    language_detection: Literal["off", "when_poor", "always"] = "when_poor"
    language_detection_segments: int = 1
    # the default-language text counts as poor below this token-weighted mean log-prob ...
    poor_avg_logprob: float = -1.0
    # ... or when fewer than this share of its letters are in the language's script
    poor_min_script_ratio: float = 0.5
    # a foreign decode must beat the default one's mean log-prob by this much
    foreign_min_logprob_gain: float = 0.0

    beam_size: int = 1  # bench_speech: beam 5 was no more accurate here, and slower
    no_repeat_ngram_size: int = 0
    temperature: float | tuple[float, ...] = 0.0
    condition_on_previous_text: bool = False
    initial_prompt: str | None = None  # default language only
    hotwords: str | None = None  # default language only

    vad_filter: bool = True
    vad_threshold: float = 0.5
    vad_min_silence_ms: int = 500
    vad_speech_pad_ms: int = 200
    max_window_s: float = 28.0  # 0: every utterance is its own window
    window_gap_s: float = 0.3  # silence put between packed utterances
    split_failed_windows: bool = True
    tokens_per_second: float = 15.0
    min_window_tokens: int = 24

    drop_no_speech_prob: float | None = 0.6
    drop_no_speech_logprob: float | None = -1.0
    drop_avg_logprob: float | None = -1.8
    drop_loop_no_speech_prob: float | None = 0.5
    collapse_min_repeats: int | None = 3
    hallucination_phrases: tuple[str, ...] = DEFAULT_HALLUCINATION_PHRASES

    def __post_init__(self) -> None:
        if self.max_window_s > 30.0:
            raise ValueError("max_window_s must be at most 30 (Whisper's window)")
        if self.beam_size < 1:
            raise ValueError("beam_size must be at least 1")
        if self.language_detection not in ("off", "when_poor", "always"):
            raise ValueError(f"unknown language_detection {self.language_detection!r}")

    def guard_rules(self, *, prompt: str) -> GuardRules:
        return GuardRules(
            no_speech_prob=self.drop_no_speech_prob,
            no_speech_logprob=self.drop_no_speech_logprob,
            min_avg_logprob=self.drop_avg_logprob,
            loop_no_speech_prob=self.drop_loop_no_speech_prob,
            collapse_min_repeats=self.collapse_min_repeats,
            hallucination_phrases=self.hallucination_phrases,
            prompt=prompt,
        )


@dataclass(frozen=True, slots=True)
class _Piece:
    """One utterance placed in a window: where it sits there and in the call (samples)."""

    window_start: int
    call_start: int
    length: int


@dataclass(frozen=True, slots=True)
class _Window:
    pieces: tuple[_Piece, ...]

    @property
    def samples(self) -> int:
        last = self.pieces[-1]
        return last.window_start + last.length


@dataclass
class _WindowResult:
    window: _Window
    raw: list[TranscriptSegment]
    guarded: GuardResult
    failed: bool  # packed, and its text cannot be trusted (see _window_failed)


@dataclass
class _Decode:
    language: str
    windows: list[_WindowResult] = field(default_factory=list)
    passes: int = 0

    @property
    def kept(self) -> list[TranscriptSegment]:
        return [s for w in self.windows for s in w.guarded.kept]

    @property
    def looped(self) -> list[bool]:
        return [flag for w in self.windows for flag in w.guarded.looped]

    @property
    def dropped(self) -> list[DroppedSegment]:
        return [d for w in self.windows for d in w.guarded.dropped]

    @property
    def raw(self) -> list[TranscriptSegment]:
        return [s for w in self.windows for s in w.raw]

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.kept).strip()

    def avg_logprob(self, *, skip_loops: bool = False) -> float | None:
        chosen = [
            s for s, loop in zip(self.kept, self.looped, strict=True) if not (skip_loops and loop)
        ]
        return _token_mean(chosen)


@dataclass(frozen=True, slots=True)
class _Detection:
    language: str
    probability: float
    probabilities: dict[str, float]


class Transcriber:
    """Decodes 16 kHz mono float32 audio into a ``Transcript``.

    Stateless apart from its settings, so one instance (and its one model) can be shared by
    several threads; faster-whisper runs up to ``num_workers`` of them in parallel.
    """

    def __init__(self, model: WhisperModel, options: TranscribeOptions | None = None) -> None:
        self.model = model
        self.options = options or TranscribeOptions()
        opts = self.options
        self._first_special = model.hf_tokenizer.token_to_id("<|endoftext|>")
        self._prompt_text = " ".join(t for t in (opts.hotwords, opts.initial_prompt) if t)
        self._max_new_tokens = _MAX_LENGTH - self._prompt_length() - 1
        if self._max_new_tokens < opts.min_window_tokens:
            raise ValueError("hotwords and initial_prompt leave no room to decode; shorten them")
        self._rules = {
            True: opts.guard_rules(prompt=self._prompt_text),
            False: opts.guard_rules(prompt=""),
        }

    # --- public ------------------------------------------------------------------------

    def transcribe(self, audio: np.ndarray) -> Transcript:
        started = time.perf_counter()
        audio = _as_mono_float32(audio)
        duration = len(audio) / SAMPLE_RATE
        opts = self.options
        utterances = self._utterances(audio)
        speech = sum(end - start for start, end in utterances) / SAMPLE_RATE
        if not utterances:
            return self._empty(duration, started, reason="no speech found by VAD")

        windows = _pack(utterances, opts)
        # Packed windows first, without re-decoding failed ones: if the call turns out to be
        # foreign, splitting its Korean decode would have been wasted work.
        primary = self._decode(audio, windows, opts.language, split=False)
        passes = primary.passes
        poor, why = self._is_poor(primary)

        detection: _Detection | None = None
        if opts.language_detection == "always" or (poor and opts.language_detection == "when_poor"):
            detection = self._detect(audio, utterances)
            passes += opts.language_detection_segments

        chosen: _Decode | None = None
        reason = "default language" if not poor else f"default language ({why})"
        if poor and detection is not None:
            candidate = detection.language
            if candidate == opts.language:
                reason = f"default language ({why}; detector agrees)"
            elif candidate not in opts.foreign_languages:
                reason = f"default language ({why}; detected {candidate} is not an allowed one)"
            elif detection.probability < opts.foreign_min_probability:
                reason = (
                    f"default language ({why}; detected {candidate} "
                    f"p={detection.probability:.2f} below {opts.foreign_min_probability})"
                )
            else:
                foreign = self._decode(audio, windows, candidate, split=True)
                passes += foreign.passes
                ours = primary.avg_logprob(skip_loops=True)
                theirs = foreign.avg_logprob(skip_loops=True)
                if theirs is not None and (
                    ours is None or theirs >= ours + opts.foreign_min_logprob_gain
                ):
                    chosen = foreign
                    reason = (
                        f"foreign: {why}; detected {candidate} p={detection.probability:.2f}; "
                        f"log-prob {_fmt(theirs)} vs {_fmt(ours)} in {opts.language}"
                    )
                else:
                    reason = (
                        f"default language ({why}; {candidate} decode not better: "
                        f"{_fmt(theirs)} vs {_fmt(ours)})"
                    )
        if chosen is None:
            before = primary.passes
            chosen = self._split_failed(audio, primary)
            passes += chosen.passes - before

        return self._result(
            chosen,
            duration=duration,
            speech=speech,
            detection=detection,
            reason=reason,
            passes=passes,
            started=started,
            utterances=len(utterances),
            windows=len(windows),
        )

    # --- steps -------------------------------------------------------------------------

    def _utterances(self, audio: np.ndarray) -> list[tuple[int, int]]:
        """Speech stretches (sample ranges), each at most one window long."""
        opts = self.options
        if len(audio) == 0:
            return []
        limit = opts.max_window_s if opts.max_window_s > 0 else 28.0
        if not opts.vad_filter:
            step = int(limit * SAMPLE_RATE)
            return [(i, min(i + step, len(audio))) for i in range(0, len(audio), step)]
        from faster_whisper.vad import VadOptions, get_speech_timestamps

        vad = VadOptions(
            threshold=opts.vad_threshold,
            min_silence_duration_ms=opts.vad_min_silence_ms,
            speech_pad_ms=opts.vad_speech_pad_ms,
            max_speech_duration_s=limit,
        )
        chunks = get_speech_timestamps(audio, vad)
        return [(int(c["start"]), int(c["end"])) for c in chunks if c["end"] > c["start"]]

    def _decode(
        self, audio: np.ndarray, windows: list[_Window], language: str, *, split: bool
    ) -> _Decode:
        """Decode each window; with ``split``, failed windows again utterance by utterance."""
        result = _Decode(language=language)
        rules = self._rules[language == self.options.language]
        for window in windows:
            raw, passes = self._decode_window(audio, window, language)
            result.passes += passes
            guarded = apply_guards(raw, rules)
            failed = len(window.pieces) > 1 and _window_failed(raw, guarded, window)
            result.windows.append(_WindowResult(window, raw, guarded, failed))
        return self._split_failed(audio, result) if split else result

    def _split_failed(self, audio: np.ndarray, decode: _Decode) -> _Decode:
        if not self.options.split_failed_windows:
            return decode
        rules = self._rules[decode.language == self.options.language]
        for i, done in enumerate(decode.windows):
            if not done.failed:
                continue
            raw: list[TranscriptSegment] = []
            for piece in done.window.pieces:
                single = _Window(pieces=(_Piece(0, piece.call_start, piece.length),))
                more, passes = self._decode_window(audio, single, decode.language)
                raw.extend(more)
                decode.passes += passes
            decode.windows[i] = _WindowResult(done.window, raw, apply_guards(raw, rules), False)
        return decode

    def _decode_window(
        self, audio: np.ndarray, window: _Window, language: str
    ) -> tuple[list[TranscriptSegment], int]:
        opts = self.options
        default = language == opts.language
        samples = _window_audio(audio, window)
        seconds = len(samples) / SAMPLE_RATE
        budget = math.ceil(opts.min_window_tokens + opts.tokens_per_second * seconds)
        segments, _info = self.model.transcribe(
            samples,
            language=language,
            task="transcribe",
            beam_size=opts.beam_size,
            best_of=1,
            no_repeat_ngram_size=opts.no_repeat_ngram_size,
            temperature=opts.temperature,
            condition_on_previous_text=opts.condition_on_previous_text,
            initial_prompt=opts.initial_prompt if default else None,
            hotwords=opts.hotwords if default else None,
            no_speech_threshold=None,  # the guards decide, per segment, with the reason kept
            vad_filter=False,
            max_new_tokens=min(budget, self._max_new_tokens),
        )
        out = []
        seeks = set()
        for s in segments:
            seeks.add(s.seek)
            start = _to_call_time(s.start, window, end=False)
            out.append(
                TranscriptSegment(
                    start=start,
                    end=max(start, _to_call_time(s.end, window, end=True)),
                    text=s.text.strip(),
                    avg_logprob=float(s.avg_logprob),
                    no_speech_prob=float(s.no_speech_prob),
                    compression_ratio=float(s.compression_ratio),
                    n_tokens=sum(1 for t in s.tokens if t < self._first_special),
                )
            )
        return out, max(len(seeks), 1)

    def _detect(self, audio: np.ndarray, utterances: list[tuple[int, int]]) -> _Detection:
        opts = self.options
        needed = opts.language_detection_segments * 30 * SAMPLE_RATE
        parts, total = [], 0
        for start, end in utterances:
            parts.append(audio[start:end])
            total += end - start
            if total >= needed:
                break
        speech = np.concatenate(parts)[:needed]
        language, probability, all_probs = self.model.detect_language(
            audio=speech,
            language_detection_segments=opts.language_detection_segments,
            language_detection_threshold=opts.foreign_min_probability,
        )
        return _Detection(
            language=language,
            probability=float(probability),
            probabilities={lang: float(p) for lang, p in all_probs},
        )

    def _is_poor(self, decode: _Decode) -> tuple[bool, str]:
        """Is the default-language text too weak to trust without asking the detector?

        Loops are left out of the mean log-prob (a loop is confidently wrong and raised it
        above the bar on an English call forced into Korean), and a decode whose windows
        mostly failed counts as poor whatever its numbers.
        """
        opts = self.options
        if not decode.kept:
            return True, "nothing kept"
        total = sum(p.length for w in decode.windows for p in w.window.pieces)
        failed = sum(p.length for w in decode.windows if w.failed for p in w.window.pieces)
        if total and failed / total >= 0.5:
            return True, f"{failed / total:.0%} of the speech in failed windows"
        mean = decode.avg_logprob(skip_loops=True)
        if mean is None:
            return True, "only loops kept"
        if mean < opts.poor_avg_logprob:
            return True, f"log-prob {mean:.2f}"
        script = _SCRIPTS.get(opts.language)
        if script is not None:
            ratio = script_ratio(decode.text, script)
            if ratio is not None and ratio < opts.poor_min_script_ratio:
                return True, f"{opts.language} script share {ratio:.2f}"
        return False, ""

    # --- results -----------------------------------------------------------------------

    def _settings(self, language: str, **extra: Any) -> dict[str, Any]:
        settings = asdict(self.options)
        settings.pop("hallucination_phrases")
        settings["decoded_language"] = language
        settings.update(extra)
        return settings

    def _empty(self, duration: float, started: float, *, reason: str) -> Transcript:
        return Transcript(
            text="",
            segments=(),
            language=self.options.language,
            language_probability=None,
            detected_language=None,
            detected_language_probability=None,
            language_reason=f"default language ({reason})",
            duration=duration,
            speech_duration=0.0,
            no_speech=True,
            avg_logprob=None,
            no_speech_prob=1.0 if self.options.vad_filter else None,
            settings=self._settings(self.options.language, utterances=0, windows=0),
            decode_passes=0,
            elapsed_s=time.perf_counter() - started,
        )

    def _result(
        self,
        chosen: _Decode,
        *,
        duration: float,
        speech: float,
        detection: _Detection | None,
        reason: str,
        passes: int,
        started: float,
        utterances: int,
        windows: int,
    ) -> Transcript:
        segments = tuple(sorted(chosen.kept, key=lambda s: (s.start, s.end)))
        base = segments or tuple(chosen.raw)
        probability = None
        if detection is not None:
            probability = detection.probabilities.get(chosen.language)
        return Transcript(
            text=" ".join(s.text for s in segments).strip(),
            segments=segments,
            language=chosen.language,
            language_probability=probability,
            detected_language=detection.language if detection else None,
            detected_language_probability=detection.probability if detection else None,
            language_reason=reason,
            duration=duration,
            speech_duration=speech,
            no_speech=not segments,
            avg_logprob=_token_mean(list(segments)),
            no_speech_prob=_duration_mean(list(base)),
            dropped=tuple(chosen.dropped),
            settings=self._settings(chosen.language, utterances=utterances, windows=windows),
            decode_passes=passes,
            elapsed_s=time.perf_counter() - started,
        )

    # --- helpers -----------------------------------------------------------------------

    def _prompt_length(self) -> int:
        """Tokens faster-whisper puts before the output (previous-text marker, prompts, SOT)."""
        opts = self.options
        half = _MAX_LENGTH // 2 - 1
        length = 4  # <|startoftranscript|> <|lang|> <|transcribe|> (+ <|startofprev|>)
        for text in (opts.hotwords, opts.initial_prompt):
            if text:
                ids = self.model.hf_tokenizer.encode(" " + text.strip(), add_special_tokens=False)
                length += min(len(ids.ids), half)
        return length


def script_ratio(text: str, script: re.Pattern[str]) -> float | None:
    """Share of the letters in ``text`` that belong to ``script``; None without letters."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return None
    return sum(1 for ch in letters if script.match(ch)) / len(letters)


def _as_mono_float32(audio: np.ndarray) -> np.ndarray:
    array = np.asarray(audio)
    if array.ndim != 1:
        raise ValueError(f"expected mono audio (1-D), got shape {array.shape}")
    return np.ascontiguousarray(array, dtype=np.float32)


def _pack(utterances: list[tuple[int, int]], opts: TranscribeOptions) -> list[_Window]:
    """Utterances in call order, packed greedily into windows of at most ``max_window_s``."""
    limit = int(opts.max_window_s * SAMPLE_RATE)
    gap = int(opts.window_gap_s * SAMPLE_RATE)
    windows: list[_Window] = []
    pieces: list[_Piece] = []
    cursor = 0
    for start, end in utterances:
        length = end - start
        if pieces and cursor + gap + length > limit:
            windows.append(_Window(tuple(pieces)))
            pieces, cursor = [], 0
        offset = cursor + gap if pieces else 0
        pieces.append(_Piece(window_start=offset, call_start=start, length=length))
        cursor = offset + length
    if pieces:
        windows.append(_Window(tuple(pieces)))
    return windows


def _window_audio(audio: np.ndarray, window: _Window) -> np.ndarray:
    out = np.zeros(window.samples, dtype=np.float32)
    for piece in window.pieces:
        out[piece.window_start : piece.window_start + piece.length] = audio[
            piece.call_start : piece.call_start + piece.length
        ]
    return out


def _to_call_time(seconds: float, window: _Window, *, end: bool) -> float:
    """Map a time inside a packed window back to the call; gaps snap to the nearest edge."""
    sample = max(0, round(seconds * SAMPLE_RATE))
    starts = [p.window_start for p in window.pieces]
    index = max(0, bisect.bisect_right(starts, sample) - 1)
    piece = window.pieces[index]
    inside = sample - piece.window_start
    if inside > piece.length:  # in the gap after this piece
        if end or index + 1 == len(window.pieces):
            inside = piece.length
        else:
            piece, inside = window.pieces[index + 1], 0
    return round((piece.call_start + inside) / SAMPLE_RATE, 3)


def _window_failed(raw: list[TranscriptSegment], guarded: GuardResult, window: _Window) -> bool:
    """A packed window whose text cannot be trusted to cover all its utterances.

    Whisper gives one log-prob and one no-speech probability per decoding pass, shared by
    every segment of the pass, so one hard utterance can get its neighbours dropped with it;
    a loop eats the rest of the window; text that ends before the last utterance starts
    has lost it. Each of these sends the window back to be decoded utterance by utterance.
    """
    if guarded.loops or not raw:
        return True
    if any(d.reason in _CONFIDENCE_DROPS for d in guarded.dropped):
        return True
    last_piece_start = window.pieces[-1].call_start / SAMPLE_RATE
    return max(s.end for s in raw) < last_piece_start


def _token_mean(segments: list[TranscriptSegment]) -> float | None:
    weights = [max(s.n_tokens, 1) for s in segments]
    if not segments:
        return None
    return sum(s.avg_logprob * w for s, w in zip(segments, weights, strict=True)) / sum(weights)


def _duration_mean(segments: list[TranscriptSegment]) -> float | None:
    if not segments:
        return None
    weights = [max(s.end - s.start, 0.01) for s in segments]
    return sum(s.no_speech_prob * w for s, w in zip(segments, weights, strict=True)) / sum(weights)


def _fmt(value: float | None) -> str:
    return "none" if value is None else f"{value:.2f}"
