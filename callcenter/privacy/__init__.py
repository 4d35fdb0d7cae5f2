"""Redaction of personal data (resident, phone, card, account numbers, e-mail) in transcripts."""

from __future__ import annotations

from callcenter.privacy.redaction import (
    MASKS,
    REDACTION_VERSION,
    PiiSpan,
    PiiType,
    Redaction,
    apply_masks,
    find_pii,
    redact,
    redact_jsonl,
)

__all__ = [
    "MASKS",
    "REDACTION_VERSION",
    "PiiSpan",
    "PiiType",
    "Redaction",
    "apply_masks",
    "find_pii",
    "redact",
    "redact_jsonl",
]
