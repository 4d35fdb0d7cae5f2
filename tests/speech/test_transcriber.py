"""The transcriber with the real Whisper base model on synthetic calls.

espeak's Korean is hard even for people, so these tests check what the pipeline decides
(language, speech or not, where the text is) rather than the words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from models.speech.transcriber import SAMPLE_RATE, TranscribeOptions, Transcriber
from models.speech.transcript import Transcript
from tests.speech.conftest import LONG_GAP_S, Clips

pytestmark = pytest.mark.slow

LATIN = re.compile(r"[A-Za-z]")
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def share(text: str, script: re.Pattern[str]) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(1 for c in letters if script.match(c)) / max(len(letters), 1)


def assert_consistent(t: Transcript) -> None:
    """Invariants every transcript keeps, whatever the audio."""
    assert t.no_speech == (t.text == "") == (not t.segments)
    starts = [s.start for s in t.segments]
    assert starts == sorted(starts)
    for s in t.segments:
        assert 0.0 <= s.start <= s.end <= t.duration + 0.05
        assert s.text.strip()
    assert t.settings["decoded_language"] == t.language


def test_english_call_is_detected_and_decoded_in_english(
    transcriber: Transcriber, clips: Clips, load_16k: Callable[[Path], np.ndarray]
) -> None:
    t = transcriber.transcribe(load_16k(clips.path("en_ulaw8k.wav")))
    assert_consistent(t)
    assert t.language == "en"
    assert t.detected_language == "en"
    assert t.detected_language_probability is not None
    assert t.detected_language_probability >= 0.8
    assert t.language_reason.startswith("foreign")
    assert share(t.text, LATIN) > 0.9
    assert "water" in t.text.lower()  # espeak's English is clear enough for one word
    assert t.duration == pytest.approx(clips.en_seconds, abs=0.01)


def test_korean_call_stays_korean(
    transcriber: Transcriber, clips: Clips, load_16k: Callable[[Path], np.ndarray]
) -> None:
    t = transcriber.transcribe(load_16k(clips.path("ko_ulaw8k.wav")))
    assert_consistent(t)
    assert t.language == "ko"
    assert not t.no_speech
    assert share(t.text, HANGUL) > 0.5


@pytest.mark.parametrize("name", ["silence.wav", "noise.wav", "noise_ulaw8k.wav"])
def test_silence_and_noise_give_no_speech(
    transcriber: Transcriber, clips: Clips, load_16k: Callable[[Path], np.ndarray], name: str
) -> None:
    t = transcriber.transcribe(load_16k(clips.path(name)))
    assert_consistent(t)
    assert t.no_speech and t.text == "" and t.segments == ()
    assert t.language == "ko"


@pytest.mark.parametrize("name", ["silence.wav", "noise_ulaw8k.wav"])
def test_without_vad_the_guards_still_refuse_invented_text(
    whisper_model: object, clips: Clips, load_16k: Callable[[Path], np.ndarray], name: str
) -> None:
    """Whisper alone loops on "자, 자, 자" over silence; the guards must drop it."""
    no_vad = Transcriber(whisper_model, TranscribeOptions(vad_filter=False))  # type: ignore[arg-type]
    t = no_vad.transcribe(load_16k(clips.path(name)))
    assert_consistent(t)
    assert t.no_speech and t.text == ""


def test_empty_audio_is_no_speech(transcriber: Transcriber) -> None:
    t = transcriber.transcribe(np.zeros(0, dtype=np.float32))
    assert t.no_speech and t.duration == 0.0


def test_long_korean_call_is_decoded_across_its_whole_length(
    transcriber: Transcriber, long_ko_call: Path, load_16k: Callable[[Path], np.ndarray]
) -> None:
    audio = load_16k(long_ko_call)
    assert len(audio) / SAMPLE_RATE > 60
    t = transcriber.transcribe(audio)
    assert_consistent(t)
    assert t.language == "ko"
    assert not t.no_speech
    assert t.settings["utterances"] == 6  # one per sentence, the silences between skipped
    assert t.speech_duration < t.duration - 5 * LONG_GAP_S + 5
    # text from the first and the last third of the call: nothing lost to a 30-s window
    assert any(s.start < t.duration / 3 for s in t.segments)
    assert any(s.start > 2 * t.duration / 3 for s in t.segments)
    # segment times sit on speech, not in the silences between sentences
    for s in t.segments:
        middle = int((s.start + s.end) / 2 * SAMPLE_RATE)
        window = audio[max(0, middle - 8000) : middle + 8000]
        assert np.abs(window).max() > 0.05


def test_stereo_agent_channel_is_separate(transcriber: Transcriber, clips: Clips) -> None:
    from callcenter.audio import decode_audio

    call = decode_audio(
        clips.path("stereo.wav").read_bytes(),
        content_type=None,
        filename=None,
        pcm_sample_rate=None,
    )
    assert call.agent is not None
    caller = transcriber.transcribe(call.caller)
    agent = transcriber.transcribe(call.agent)
    assert caller.language == "ko"
    assert agent.language == "en"


def test_hotwords_and_prompt_are_accepted_and_recorded(
    whisper_model: object, clips: Clips, load_16k: Callable[[Path], np.ndarray]
) -> None:
    options = TranscribeOptions(hotwords="120 다산콜센터 주민등록등본", initial_prompt="민원 상담")
    t = Transcriber(whisper_model, options).transcribe(load_16k(clips.path("ko_pcm16k.wav")))  # type: ignore[arg-type]
    assert_consistent(t)
    assert t.language == "ko"
    assert not t.no_speech
    assert t.settings["hotwords"] == "120 다산콜센터 주민등록등본"


def test_prompts_too_long_for_the_decoder_are_refused(whisper_model: object) -> None:
    long_text = "다산콜센터 " * 200
    with pytest.raises(ValueError, match="shorten"):
        Transcriber(whisper_model, TranscribeOptions(hotwords=long_text, initial_prompt=long_text))  # type: ignore[arg-type]
