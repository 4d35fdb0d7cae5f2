"""Redaction of timed transcript segments.

A caller often says a number across two recognizer segments ("구공공일공일" … "다시
일이삼사오육칠"), so segments are redacted together as one text and each mask is
put back into the segment where the personal data began.
"""

from __future__ import annotations

from typing import Any

from callcenter.privacy.redaction import MASKS, redact


def redact_segments(segments: list[Any], *, speaker: str) -> list[dict[str, Any]]:
    texts = [str(seg.text).strip() for seg in segments]
    joined = " ".join(texts)
    owner: list[int] = []
    for index, text in enumerate(texts):
        owner.extend([index] * len(text))
        owner.append(index)  # the joining space belongs to the segment before it
    redaction = redact(joined)
    starts = {span.start: span for span in redaction.spans}
    out: list[list[str]] = [[] for _ in texts]
    position = 0
    while position < len(joined):
        span = starts.get(position)
        if span is not None:
            out[owner[position]].append(MASKS[span.type])
            position = span.end
            continue
        out[owner[position]].append(joined[position])
        position += 1
    return [
        {
            "speaker": speaker,
            "start_s": float(seg.start),
            "end_s": float(seg.end),
            "text": "".join(pieces).strip(),
            "avg_logprob": _maybe_float(getattr(seg, "avg_logprob", None)),
            "no_speech_prob": _maybe_float(getattr(seg, "no_speech_prob", None)),
        }
        for seg, pieces in zip(segments, out, strict=True)
    ]


def _maybe_float(value: Any) -> float | None:
    return None if value is None else float(value)
