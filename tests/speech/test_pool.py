"""The transcription pool: bounded, concurrent, awaitable."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from models.speech.pool import PoolClosed, PoolSaturated, TranscriptionPool
from models.speech.transcriber import Transcriber
from tests.speech.conftest import Clips


class BlockingTranscriber:
    """Stands in for the model: holds each call until released, records concurrency."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.running = 0
        self.peak = 0
        self._lock = threading.Lock()

    def transcribe(self, audio: np.ndarray) -> float:
        with self._lock:
            self.running += 1
            self.peak = max(self.peak, self.running)
        self.release.wait(5)
        with self._lock:
            self.running -= 1
        return float(audio.sum())


def test_pool_runs_at_most_workers_at_once_and_refuses_beyond_max_pending() -> None:
    fake = BlockingTranscriber()
    pool = TranscriptionPool(fake, workers=2, max_pending=3)  # type: ignore[arg-type]
    try:
        futures = [pool.submit(np.full(4, i, dtype=np.float32)) for i in range(3)]
        with pytest.raises(PoolSaturated):
            pool.submit(np.zeros(4, dtype=np.float32))
        assert pool.pending == 3
        time.sleep(0.1)
        assert fake.peak == 2  # the third waits for a thread
        fake.release.set()
        assert [f.result(5) for f in futures] == [0.0, 4.0, 8.0]
        deadline = time.monotonic() + 5
        while pool.pending and time.monotonic() < deadline:
            time.sleep(0.01)
        assert pool.pending == 0
        assert pool.submit(np.ones(2, dtype=np.float32)).result(5) == 2.0  # room again
    finally:
        fake.release.set()
        pool.close()
    with pytest.raises(PoolClosed):
        pool.submit(np.zeros(1, dtype=np.float32))


async def test_awaiting_a_transcription_keeps_the_event_loop_free() -> None:
    fake = BlockingTranscriber()
    with TranscriptionPool(fake, workers=1, max_pending=2) as pool:  # type: ignore[arg-type]
        ticks = 0

        async def ticker() -> None:
            nonlocal ticks
            while True:
                ticks += 1
                await asyncio.sleep(0.01)

        task = asyncio.create_task(ticker())
        asyncio.get_running_loop().call_later(0.3, fake.release.set)
        result = await pool.transcribe(np.full(3, 2, dtype=np.float32))
        task.cancel()
        assert result == 6.0
        assert ticks >= 10  # the loop kept running while the call was held for 0.3 s


def test_pool_validates_its_bounds() -> None:
    with pytest.raises(ValueError):
        TranscriptionPool(BlockingTranscriber(), workers=0)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        TranscriptionPool(BlockingTranscriber(), workers=4, max_pending=2)  # type: ignore[arg-type]


@pytest.mark.slow
async def test_concurrent_real_transcriptions_match_one_at_a_time(
    transcriber: Transcriber, clips: Clips, load_16k: Callable[[Path], np.ndarray]
) -> None:
    speech = load_16k(clips.path("ko_pcm16k.wav"))
    audios = [speech, load_16k(clips.path("silence.wav"))]
    alone = [transcriber.transcribe(a) for a in audios]
    with TranscriptionPool(transcriber, workers=2, max_pending=4) as pool:
        together = await asyncio.gather(*(pool.transcribe(a) for a in audios))
    assert [t.text for t in together] == [t.text for t in alone]
    assert [t.language for t in together] == [t.language for t in alone]
    assert [t.no_speech for t in together] == [t.no_speech for t in alone] == [False, True]
