"""Packing utterances into Whisper windows and mapping times back to the call."""

from __future__ import annotations

import pytest

from models.speech.transcriber import (
    SAMPLE_RATE,
    TranscribeOptions,
    _pack,
    _Piece,
    _to_call_time,
    _Window,
)

SR = SAMPLE_RATE


def test_utterances_are_packed_in_order_up_to_the_window_length() -> None:
    opts = TranscribeOptions(max_window_s=10.0, window_gap_s=0.5)
    utterances = [(0, 4 * SR), (10 * SR, 14 * SR), (20 * SR, 23 * SR), (30 * SR, 39 * SR)]
    windows = _pack(utterances, opts)
    assert [[p.call_start // SR for p in w.pieces] for w in windows] == [[0, 10], [20], [30]]
    first = windows[0]
    assert first.pieces[1].window_start == int(4.5 * SR)  # the gap between them
    assert all(w.samples <= 10 * SR for w in windows)


def test_zero_window_length_decodes_each_utterance_alone() -> None:
    opts = TranscribeOptions(max_window_s=0.0)
    windows = _pack([(0, SR), (2 * SR, 3 * SR)], opts)
    assert [len(w.pieces) for w in windows] == [1, 1]


def test_window_times_map_back_to_the_call() -> None:
    window = _Window((_Piece(0, 1 * SR, 1 * SR), _Piece(int(1.3 * SR), 5 * SR, 2 * SR)))
    assert _to_call_time(0.5, window, end=False) == pytest.approx(1.5)
    assert _to_call_time(2.0, window, end=False) == pytest.approx(5.7)
    # inside the gap: a start moves to the next utterance, an end stays with the last one
    assert _to_call_time(1.1, window, end=False) == pytest.approx(5.0)
    assert _to_call_time(1.1, window, end=True) == pytest.approx(2.0)
    # past the audio (Whisper rounds up): clamped to the last utterance's end
    assert _to_call_time(3.5, window, end=True) == pytest.approx(7.0)


def test_options_refuse_windows_longer_than_whisper_sees() -> None:
    with pytest.raises(ValueError):
        TranscribeOptions(max_window_s=31)
