"""What processor this is, read from Linux's /proc/cpuinfo.

Two things depend on it: the intent model's precision (bfloat16 only where the CPU computes it
natively) and the trained weights themselves, which differ by processor by up to a point of
top-1 on a split, so a model records the CPU it was built on and a benchmark the CPU it ran on.
"""

from __future__ import annotations

import functools
import platform


def _cpuinfo_field(name: str) -> str | None:
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith(name):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


def cpu_model() -> str:
    """The processor's marketing name from /proc/cpuinfo, else what platform knows."""
    return _cpuinfo_field("model name") or platform.processor() or platform.machine()


@functools.cache
def cpu_has_native_bf16() -> bool:
    """Whether this CPU computes bfloat16 natively (Linux flags; False when unknown). Read
    once per process: every classifier load and the bench ask."""
    flags = set((_cpuinfo_field("flags") or "").split())
    return bool(flags & {"avx512_bf16", "amx_bf16"})
