"""What a benchmark ran on, written beside its figures.

Absolute times only mean something next to the processor that produced them: the same
build took 169 s on one of this project's machines (native bfloat16) and 298 s on another
(AVX2 only), so every result file names the CPU model and whether it computes bfloat16.
"""

from __future__ import annotations

import os
import platform
from typing import Any

from models.hardware import cpu_has_native_bf16, cpu_model


def describe_machine(**extra: Any) -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu_model(),
        "native_bf16": cpu_has_native_bf16(),
        "python": platform.python_version(),
        **extra,
    }
