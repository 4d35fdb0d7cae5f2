"""What a built intent-model directory contains, and loading the encoder inside it.

Shared by the trainer that writes the directory and the classifier that reads it, so the two
cannot disagree about file names.

    <cache_dir>/intent/<version>/
        encoder/                    the e5 encoder as imported (hard links when possible)
        intent_layers.safetensors   fine-tuned copies of the top layers + linear head
        lexical.pkl                 the character n-gram branch (TF-IDF + logistic regression)
        intent_config.json          labels, fusion weight, temperature, token limits
        metadata.json, MODEL_CARD.md
        .complete                   written last (see models.cache.atomic_dir)
"""

from __future__ import annotations

from pathlib import Path

import torch
from transformers import AutoTokenizer, PreTrainedTokenizerBase, XLMRobertaModel

ENCODER_SUBDIR = "encoder"
WEIGHTS_FILE = "intent_layers.safetensors"
LEXICAL_FILE = "lexical.pkl"
RESPELLER_FILE = "respeller.json"
CONFIG_FILE = "intent_config.json"
METADATA_FILE = "metadata.json"
CARD_FILE = "MODEL_CARD.md"


def load_encoder(
    encoder_dir: Path, *, dtype: torch.dtype = torch.float32
) -> tuple[XLMRobertaModel, PreTrainedTokenizerBase]:
    """The encoder and tokenizer from a local directory; never falls back to the hub."""
    if not (Path(encoder_dir) / "config.json").is_file():
        raise FileNotFoundError(f"{encoder_dir}: no encoder here (config.json missing)")
    encoder = XLMRobertaModel.from_pretrained(
        str(encoder_dir), add_pooling_layer=False, local_files_only=True, dtype=dtype
    )
    encoder.eval()
    tokenizer = AutoTokenizer.from_pretrained(str(encoder_dir), local_files_only=True)
    return encoder, tokenizer


def truncate(ids: list[int], max_len: int) -> list[int]:
    """Cut a token sequence to ``max_len``, keeping the closing ``</s>``."""
    return [*ids[: max_len - 1], ids[-1]] if len(ids) > max_len else ids
