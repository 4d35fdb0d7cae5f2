"""A bounded set of transcription threads sharing one loaded Whisper model.

CTranslate2 releases the GIL while it computes and runs up to ``num_workers`` requests in
parallel inside one model, so threads (not processes) are the right unit: one copy of the
weights, N calls in flight. The pool is bounded twice: ``workers`` threads decode, and at
most ``max_pending`` calls may wait or run, so a burst of uploads is refused quickly
(``PoolSaturated``, which the API can answer with 503) instead of queueing without end.
``transcribe`` is awaitable, so the event loop stays free while a call decodes.
"""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np

from models.speech.transcriber import Transcriber
from models.speech.transcript import Transcript


class PoolSaturated(RuntimeError):
    """Too many transcriptions are already waiting; try again later."""


class PoolClosed(RuntimeError):
    pass


class TranscriptionPool:
    def __init__(
        self, transcriber: Transcriber, *, workers: int = 2, max_pending: int = 32
    ) -> None:
        if workers < 1 or max_pending < workers:
            raise ValueError("need workers >= 1 and max_pending >= workers")
        self.transcriber = transcriber
        self.workers = workers
        self.max_pending = max_pending
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="stt")
        self._lock = threading.Lock()
        self._pending = 0
        self._closed = False

    @property
    def pending(self) -> int:
        """Calls accepted and not finished (running or waiting)."""
        return self._pending

    def submit(self, audio: np.ndarray) -> Future[Transcript]:
        """Queue one call; raises ``PoolSaturated`` when ``max_pending`` are in the pool."""
        with self._lock:
            if self._closed:
                raise PoolClosed("the transcription pool is shut down")
            if self._pending >= self.max_pending:
                raise PoolSaturated(
                    f"{self._pending} transcriptions are already waiting or running "
                    f"(limit {self.max_pending})"
                )
            self._pending += 1
        try:
            future = self._executor.submit(self.transcriber.transcribe, audio)
        except BaseException:
            self._release(None)
            raise
        future.add_done_callback(self._release)
        return future

    async def transcribe(self, audio: np.ndarray) -> Transcript:
        """Transcribe on a pool thread and await the result without blocking the loop."""
        return await asyncio.wrap_future(self.submit(audio))

    def close(self, *, wait: bool = True) -> None:
        with self._lock:
            self._closed = True
        self._executor.shutdown(wait=wait, cancel_futures=not wait)

    def __enter__(self) -> TranscriptionPool:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _release(self, _future: Future[Transcript] | None) -> None:
        with self._lock:
            self._pending -= 1
