"""Progress of a model build on the terminal: status lines and one bar per long stage.

Building the intent model takes minutes on two cores; a bar per stage (the frozen-layer
pass, each epoch) tells the operator that it moves and how long is left. The models
package only reports ``(stage, done, total)``; drawing is the command line's business.
"""

from __future__ import annotations

import shutil
import sys
from typing import IO

from tqdm import tqdm


class TrainingBar:
    """Receives ``say(message)`` and ``step(stage, done, total)`` from a build.

    ``enabled=None`` draws only on a terminal (a CI log gets the status lines alone).
    """

    def __init__(self, *, stream: IO[str] | None = None, enabled: bool | None = None) -> None:
        self._stream = stream or sys.stderr
        self._enabled = enabled
        self._bar: tqdm | None = None
        self._stage: str | None = None

    def say(self, message: str) -> None:
        if self._bar is not None:
            self._bar.write(message, file=self._stream)
        else:
            print(message, file=self._stream, flush=True)

    def step(self, stage: str, done: int, total: int) -> None:
        if stage != self._stage or self._bar is None:
            self.close()
            self._stage = stage
            size = shutil.get_terminal_size((100, 20))
            self._bar = tqdm(
                total=total,
                desc=stage,
                file=self._stream,
                disable=None if self._enabled is None else not self._enabled,
                leave=True,
                # A terminal that reports its size as 0x0 (a pty under `script`, some CI
                # runners) makes tqdm draw nothing: rows 0 hides every bar.
                ncols=min(size.columns or 100, 120),
                nrows=size.lines or 20,
            )
        self._bar.update(done - self._bar.n)
        if done >= total:
            self.close()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
        self._bar, self._stage = None, None
