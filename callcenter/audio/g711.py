"""G.711 μ-law and A-law to 16-bit linear PCM, by lookup table.

Telephone recordings are mostly G.711 at 8 kHz. The expansion is a fixed 256-entry table
(ITU-T G.711, as in the reference Sun g711.c that sox also uses), so decoding it here is
exact, fast and independent of which codecs a PyAV build happens to include.
"""

from __future__ import annotations

import numpy as np


def _ulaw(code: int) -> int:
    code = ~code & 0xFF
    magnitude = ((code & 0x0F) << 3) + 0x84
    magnitude <<= (code & 0x70) >> 4
    return 0x84 - magnitude if code & 0x80 else magnitude - 0x84


def _alaw(code: int) -> int:
    code ^= 0x55
    magnitude = (code & 0x0F) << 4
    segment = (code & 0x70) >> 4
    if segment == 0:
        magnitude += 8
    elif segment == 1:
        magnitude += 0x108
    else:
        magnitude = (magnitude + 0x108) << (segment - 1)
    return magnitude if code & 0x80 else -magnitude


ULAW_TABLE = np.array([_ulaw(i) for i in range(256)], dtype=np.int16)
ALAW_TABLE = np.array([_alaw(i) for i in range(256)], dtype=np.int16)


def expand_ulaw(data: bytes | memoryview) -> np.ndarray:
    """μ-law bytes to int16 samples."""
    return ULAW_TABLE[np.frombuffer(data, dtype=np.uint8)]


def expand_alaw(data: bytes | memoryview) -> np.ndarray:
    """A-law bytes to int16 samples."""
    return ALAW_TABLE[np.frombuffer(data, dtype=np.uint8)]
