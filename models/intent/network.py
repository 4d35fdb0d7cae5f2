"""The intent network: a frozen e5 encoder, a fine-tuned copy of its top layers, and a linear head.

Only the top ``trainable_layers`` transformer layers are fine-tuned, as copies, so that

* training can run the frozen lower part once and cache its output (the build fits in
  minutes on two CPU cores), and
* the untouched encoder stays available for e5 sentence embeddings (the FAQ knowledge base
  needs the original embedding space, not one bent toward 35 intents). The price is the
  copied layers only: about 7 MB of float32 weights per layer for e5-small.

Pooling is e5's: the mean of the last hidden states over real tokens, L2-normalised. The head
sees that normalised vector, so it can start from a linear probe fitted on the frozen e5
embeddings (see ``train``) and fine-tuning only refines it.
"""

from __future__ import annotations

import copy
import warnings

import torch
from torch import nn
from transformers import XLMRobertaModel
from transformers.masking_utils import create_bidirectional_mask
from transformers.utils import logging as transformers_logging

from models.encoder.embedding import mean_pool


class IntentNetwork(nn.Module):
    def __init__(
        self,
        encoder: XLMRobertaModel,
        *,
        num_labels: int,
        trainable_layers: int,
        dropout: float = 0.1,
    ) -> None:
        super().__init__()
        layers = encoder.encoder.layer
        if not 0 <= trainable_layers <= len(layers):
            raise ValueError(
                f"trainable_layers must be in 0..{len(layers)}, got {trainable_layers}"
            )
        self.encoder = encoder
        self.split = len(layers) - trainable_layers
        self.tuned = nn.ModuleList(copy.deepcopy(layers[i]) for i in range(self.split, len(layers)))
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(encoder.config.hidden_size, num_labels)
        for p in self.encoder.parameters():
            p.requires_grad_(False)
        for p in self.tuned.parameters():
            p.requires_grad_(True)

    def trainable_state_dict(self) -> dict[str, torch.Tensor]:
        """The weights that differ from the encoder: tuned layers and head."""
        return {
            k: v.detach().clone().contiguous()
            for k, v in self.state_dict().items()
            if k.startswith(("tuned.", "head."))
        }

    def _mask(self, hidden: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor | None:
        return create_bidirectional_mask(
            config=self.encoder.config, inputs_embeds=hidden, attention_mask=attention_mask
        )

    def lower(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """Hidden states after the shared (frozen) layers."""
        hidden = self.encoder.embeddings(input_ids=input_ids)
        mask = self._mask(hidden, attention_mask)
        for layer in self.encoder.encoder.layer[: self.split]:
            hidden = layer(hidden, mask)
        return hidden

    def _run(
        self, layers: nn.ModuleList, hidden: torch.Tensor, attention_mask: torch.Tensor
    ) -> torch.Tensor:
        mask = self._mask(hidden, attention_mask)
        for layer in layers:
            hidden = layer(hidden, mask)
        return nn.functional.normalize(mean_pool(hidden, attention_mask), p=2, dim=-1)

    def logits_from_lower(self, hidden: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        pooled = self._run(self.tuned, hidden, attention_mask)
        return self.head(self.dropout(pooled))

    def embedding_from_lower(
        self, hidden: torch.Tensor, attention_mask: torch.Tensor
    ) -> torch.Tensor:
        """The original e5 sentence embedding (L2-normalised), untouched by fine-tuning."""
        return self._run(self.encoder.encoder.layer[self.split :], hidden, attention_mask)

    def tuned_equals_original(self) -> bool:
        """Whether the tuned layers hold the encoder's own weights, as when dev picked the
        linear probe over every fine-tuned epoch: then one pass of the top layers serves both
        the intent and the e5 embedding."""
        pairs = zip(self.tuned, self.encoder.encoder.layer[self.split :], strict=True)
        return all(
            torch.equal(a, b)
            for tuned, original in pairs
            for a, b in zip(
                tuned.state_dict().values(), original.state_dict().values(), strict=True
            )
        )

    def logits_and_embedding_from_lower(
        self, hidden: torch.Tensor, attention_mask: torch.Tensor, *, shared_top: bool
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """Intent logits and the original e5 embedding; ``shared_top`` (see
        ``tuned_equals_original``) runs the top layers once instead of twice."""
        embedding = self.embedding_from_lower(hidden, attention_mask)
        if shared_top:
            return self.head(self.dropout(embedding)), embedding
        return self.logits_from_lower(hidden, attention_mask), embedding

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.logits_from_lower(self.lower(input_ids, attention_mask), attention_mask)


class OneUtterance(nn.Module):
    """Intent logits, and with ``embedding`` the e5 embedding too, of one unpadded utterance:
    the service's hot path, in a form ``torch.jit.trace`` can record (the mask is all ones,
    built inside, so a recorded graph never meets padding it was not traced with)."""

    def __init__(self, network: IntentNetwork, *, shared_top: bool, embedding: bool) -> None:
        super().__init__()
        self.network = network
        self.shared_top = shared_top
        self.embedding = embedding

    def forward(self, input_ids: torch.Tensor) -> tuple[torch.Tensor, ...]:
        mask = torch.ones_like(input_ids)
        hidden = self.network.lower(input_ids, mask)
        if not self.embedding:
            return (self.network.logits_from_lower(hidden, mask),)
        return self.network.logits_and_embedding_from_lower(
            hidden, mask, shared_top=self.shared_top
        )


def traced_one_utterance(
    network: IntentNetwork, *, shared_top: bool, embedding: bool, example_ids: list[int]
) -> torch.jit.ScriptModule:
    """``OneUtterance`` traced and frozen: the same numbers without the Python of about 200
    module calls per utterance. Measured 2026-11-30 on an Intel Xeon (2 threads, bfloat16):
    the network's p50 fell from about 16 to 12.4 ms with identical logits on 100 dev lines of
    every length; ``torch.compile`` took 47 s to compile and ran at 13.4 ms. ``torch.jit`` is
    deprecated but present in the pinned torch; a torch without it makes this raise, and the
    classifier then stays eager."""
    verbosity = transformers_logging.get_verbosity()
    # The tracer touches every attribute, and transformers then logs that no loss is set.
    transformers_logging.set_verbosity_error()
    try:
        with warnings.catch_warnings():
            # jit's deprecation, and the tracer's note that the all-ones mask became a
            # constant, which is the point: the graph only ever sees unpadded utterances.
            warnings.simplefilter("ignore")
            module = OneUtterance(network, shared_top=shared_top, embedding=embedding).eval()
            with torch.no_grad():
                example = torch.tensor([example_ids])
                graph = torch.jit.freeze(torch.jit.trace(module, (example,), check_trace=False))
                # TorchScript profiles a graph's first runs before it optimizes it: the
                # service's first two calls took 67-77 ms against 10 ms after (AMD EPYC,
                # 2026-11-30). Run them here, at load, on two lengths.
                for ids in (example, example[:, : max(2, example.shape[1] // 2)]):
                    graph(ids)
                    graph(ids)
                return graph
    finally:
        transformers_logging.set_verbosity(verbosity)
