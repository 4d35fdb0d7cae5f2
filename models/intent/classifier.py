"""Loading a built intent model and answering with calibrated intent probabilities and e5
sentence embeddings from the same encoder."""

from __future__ import annotations

import json
import logging
import unicodedata
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import torch
from safetensors.torch import load_file

from models.cache import is_complete
from models.hardware import cpu_has_native_bf16
from models.intent.baseline import TfidfBaseline
from models.intent.calibration import softmax
from models.intent.model_files import (
    CONFIG_FILE,
    ENCODER_SUBDIR,
    LEXICAL_FILE,
    RESPELLER_FILE,
    WEIGHTS_FILE,
    load_encoder,
    truncate,
)
from models.intent.negation import NEGATION_VERSION, drop_negated_topics, drop_set_aside_topics
from models.intent.network import IntentNetwork, traced_one_utterance
from models.intent.prediction import IntentPrediction, predictions_from_proba
from models.intent.respelling import Respeller
from models.intent.train import fuse
from models.intent.word_split import SPLITTING_VERSION, WordSplitter

logger = logging.getLogger(__name__)

EmbeddingKind = Literal["query", "passage"]


Dtype = Literal["auto", "float32", "bfloat16", "int8"]


@dataclass(frozen=True, slots=True)
class InferenceOptions:
    """How to run the model.

    ``num_threads`` is applied with ``torch.set_num_threads``, which is process-wide.
    ``dtype`` "bfloat16" halves the encoder's memory and, on CPUs with native bfloat16
    (AVX512-BF16 or AMX), cuts single-utterance latency by about a third at no measured cost
    in accuracy (p50 17 ms against 27 ms in float32); where the CPU lacks it, bfloat16 is
    emulated and four times slower. "int8" quantizes the linear layers dynamically (weights
    int8, activations quantized per call), all but the feed-forward output projections
    (``int8_layer_names``): on an AVX2-only CPU it cut p50 to 22-27 ms
    from 37-47 ms (four bench runs) for 0.3 to 0.7 points of top-1 on dev and the probes
    (2026-11-30, eager; traced and per-channel, 13.9 ms emulated).
    "auto" picks bfloat16 where the CPU has it, int8 elsewhere (``resolve_precision``); float32
    is for exact comparisons and for CPUs where int8 is slow. Embeddings differ from
    float32 ones with the precision, so ``embedding_version`` names it and the FAQ is
    re-embedded when it changes.
    """

    num_threads: int = 1
    dtype: Dtype = "auto"
    batch_size: int = 32
    embed_max_len: int = 512
    # One utterance at a time (the service's calls) runs through a traced, frozen graph
    # (``network.traced_one_utterance``): the same numbers in less time, a quarter less in
    # bfloat16 and nearly half in int8 (22.0 -> 12.6 ms with AVX2 only, emulated on an Intel
    # Xeon, 2026-11-30). Batches always run eager.
    trace_single: bool = True


Precision = Literal["float32", "bfloat16", "int8"]


def resolve_precision(dtype: Dtype) -> Precision:
    """What "auto" means on this CPU: the fastest precision that keeps the model's accuracy.

    bfloat16 where the CPU computes it natively; elsewhere int8, not float32, because on an
    AVX2-only CPU float32 misses the 20 ms single-utterance budget (traced p50 25.7-32 ms
    with AVX2 emulated on an Intel Xeon; 37-47 ms eager on a real AVX2-only EPYC) while int8
    meets it (13.9 ms emulated) and keeps every dev and probe emergency asked one at a time.
    """
    if dtype != "auto":
        return dtype
    return "bfloat16" if cpu_has_native_bf16() else "int8"


def resolve_dtype(dtype: Dtype) -> torch.dtype:
    """The dtype the weights are loaded in ("int8" loads float32 and quantizes afterwards)."""
    return {"float32": torch.float32, "bfloat16": torch.bfloat16, "int8": torch.float32}[
        resolve_precision(dtype)
    ]


def int8_layer_names(network: IntentNetwork) -> list[str]:
    """The linear layers int8 quantizes: all but the feed-forward output projections.

    Those read the widest activations of a layer, after the GELU, where transformer encoders
    keep a few large outliers; one activation scale per call, as dynamic quantization has,
    crushes the rest of them. On model c01cf003d951 built on an Intel Xeon (2026-12-01), the
    mean KL divergence from float32 over dev, one line at a time, fell from 0.0105 to 0.0039
    with those projections in float32, the twelve encoder layers' and the tuned copy's (every
    attention layer in float32 instead: 0.0083; the first two layers: 0.0063), a dev
    emergency quantized everything sent to parking came back (P 0.34 -> 0.53 against 0.80 in
    float32), and the cost on dev and probes a to i fell from up to 1.9 points to at most 0.7,
    for p50 9.8 instead of 7.3 ms (float32 14.5) on 2 threads, 10.3 against 6.9 (float32 17.3)
    with AVX2 only. They are found by width, not by name, so
    another encoder of the same family is treated alike."""
    hidden = network.encoder.config.intermediate_size
    return [
        name
        for name, module in network.named_modules()
        if isinstance(module, torch.nn.Linear) and module.in_features != hidden
    ]


def quantize_int8(network: IntentNetwork) -> IntentNetwork:
    """Dynamic int8 quantization of the linear layers ``int8_layer_names`` picks (encoder,
    tuned layers and head), in place: a quantized copy held the float32 network beside it
    (peak RSS 1397 MB against 890).

    Weights get a scale per output channel, not one per matrix: with one per matrix, model
    1adfe5ee8600 (built on an Intel Xeon, 2026-11-30) sent a dev emergency ("지하차도에 물이
    차서 차들이 못 빠져나가요") to parking when asked one utterance at a time; per channel it
    kept every dev and probe emergency, agreed with float32 on 99.6% of dev one at a time,
    and ran as fast (p50 21.5 against 21.1 ms here). c01cf003d951 built on an Intel Xeon lost
    that line again with every linear layer quantized, even per channel (see
    ``int8_layer_names``)."""
    qconfig = torch.ao.quantization.per_channel_dynamic_qconfig
    with warnings.catch_warnings():
        # torch marks eager-mode quantization as deprecated in favour of torchao, which is
        # not a dependency here; the API still works in the pinned torch.
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", UserWarning)
        return torch.ao.quantization.quantize_dynamic(
            network,
            {name: qconfig for name in int8_layer_names(network)},
            inplace=True,
        )


class IntentClassifier:
    def __init__(
        self,
        network: IntentNetwork,
        tokenizer: object,
        *,
        lexical: TfidfBaseline | None,
        lexical_weight: float,
        labels: Sequence[str],
        version: str,
        temperature: float,
        max_len: int,
        prefix: str,
        options: InferenceOptions,
        shared_top: bool = False,
        respeller: Respeller | None = None,
    ) -> None:
        self._network = network
        self._tokenizer = tokenizer
        self._lexical = lexical
        self.lexical_weight = lexical_weight if lexical is not None else 0.0
        self.labels = list(labels)
        self.version = version
        self.temperature = temperature
        self.max_len = max_len
        self._prefix = prefix
        self._options = options
        self.shared_top = shared_top
        self._respeller = respeller
        self._splitter = (
            WordSplitter(respeller.known, respeller.sound_keys) if respeller is not None else None
        )
        self.dtype = next(network.encoder.embeddings.parameters()).dtype
        self.precision = resolve_precision(options.dtype)
        # int8 reads each line alone: dynamic quantization takes one activation scale over the
        # whole input, padding included, so batched, a line's calibrated confidence moved with
        # the lines beside it (by up to 0.29 on 300 dev lines of e3e9c8dcae6a, 2026-12-01).
        # A line's answer must not depend on which lines a bulk run put beside it; the price is
        # int8's batch throughput, 79 -> 42-50 lines/s on one thread (320 dev lines). The
        # service classifies one call at a time anyway.
        self._batch_size = 1 if self.precision == "int8" else options.batch_size
        self.embedding_dim = network.encoder.config.hidden_size
        # Traced graphs for one utterance: intent logits alone, and logits with the embedding.
        self._one: torch.jit.ScriptModule | None = None
        self._one_embedded: torch.jit.ScriptModule | None = None
        if options.trace_single:
            self._trace_single()

    @classmethod
    def load(
        cls, model_dir: Path, *, options: InferenceOptions = InferenceOptions()
    ) -> IntentClassifier:
        model_dir = Path(model_dir)
        if not is_complete(model_dir):
            raise FileNotFoundError(f"{model_dir}: not a complete intent model directory")
        cfg = json.loads((model_dir / CONFIG_FILE).read_text(encoding="utf-8"))
        torch.set_num_threads(options.num_threads)
        dtype = resolve_dtype(options.dtype)
        encoder, tokenizer = load_encoder(model_dir / ENCODER_SUBDIR, dtype=dtype)
        network = IntentNetwork(
            encoder,
            num_labels=len(cfg["labels"]),
            trainable_layers=cfg["trainable_layers"],
            dropout=cfg["dropout"],
        )
        weights = {k: v.to(dtype) for k, v in load_file(str(model_dir / WEIGHTS_FILE)).items()}
        network.to(dtype)
        missing, unexpected = network.load_state_dict(weights, strict=False)
        missing = [k for k in missing if k.startswith(("tuned.", "head."))]
        if missing or unexpected:
            raise ValueError(
                f"{model_dir}: weights do not match (missing {missing}, unexpected {unexpected})"
            )
        network.eval()
        network.requires_grad_(False)
        shared_top = network.tuned_equals_original()  # before int8 makes the copies differ
        if resolve_precision(options.dtype) == "int8":
            network = quantize_int8(network)
        weight = float(cfg.get("lexical_weight", 0.0))
        lexical = TfidfBaseline.load(model_dir / LEXICAL_FILE) if weight else None
        respelling = model_dir / RESPELLER_FILE
        respeller = Respeller.load(respelling) if respelling.is_file() else None
        return cls(
            network,
            tokenizer,
            lexical=lexical,
            lexical_weight=weight,
            labels=cfg["labels"],
            version=cfg["version"],
            temperature=float(cfg["temperature"]),
            max_len=int(cfg["max_len"]),
            prefix=cfg["prefix"],
            options=options,
            shared_top=shared_top,
            respeller=respeller,
        )

    def _trace_single(self) -> None:
        example = self._tokenize(["버스 정류장이 어디예요"], self._prefix, self.max_len)[0]
        try:
            self._one, self._one_embedded = (
                traced_one_utterance(
                    self._network,
                    shared_top=self.shared_top,
                    embedding=embedding,
                    example_ids=example,
                )
                for embedding in (False, True)
            )
        except Exception as exc:  # a torch without jit, or a graph it cannot record
            logger.warning("intent model runs eager, tracing failed: %s", exc)
            self._one = self._one_embedded = None

    def _tokenize(self, texts: Sequence[str], prefix: str, max_len: int) -> list[list[int]]:
        texts = [prefix + t.strip() for t in texts]
        ids = self._tokenizer(texts, add_special_tokens=True)["input_ids"]
        return [truncate(seq, max_len) for seq in ids]

    def _alone(self, ids: list[list[int]]) -> bool:
        """Whether these lines are read one at a time, through the traced graph when there is
        one: a single line (the service's call), or every line in int8 (``_batch_size``). In
        int8 a bulk run so goes through the service's own graph: the same numbers to the bit
        as the eager batches of one it used before, which made evaluation and the test suite
        slow on CPUs without bfloat16, at 1.4 times the lines per second (300 dev lines, 2
        threads: 64 -> 89 lines/s, and 86 -> 119 with AVX2 emulated; 2026-12-02, AMD EPYC)."""
        return len(ids) == 1 or self._batch_size == 1

    def _batches(self, ids: list[list[int]]):
        """Batches of similar length, padded only to their own longest text."""
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        pad = self._tokenizer.pad_token_id
        size = self._batch_size
        for start in range(0, len(order), size):
            chunk = order[start : start + size]
            width = max(len(ids[i]) for i in chunk)
            input_ids = torch.full((len(chunk), width), pad, dtype=torch.long)
            mask = torch.zeros((len(chunk), width), dtype=torch.long)
            for row, i in enumerate(chunk):
                input_ids[row, : len(ids[i])] = torch.tensor(ids[i])
                mask[row, : len(ids[i])] = 1
            yield chunk, input_ids, mask

    def respell(self, text: str) -> str:
        """A caller's words, word for word, as this model spells them: in NFC (Korean typed as
        separate letters, NFD, scored 0.28 top-1 on probe a against 0.96), with unknown words
        that sound like words of its training corpus respelt to them
        (``models.intent.respelling``). Routing takes its second look at this."""
        text = unicodedata.normalize("NFC", text)
        return self._respeller.respell(text) if self._respeller is not None else text

    @property
    def reading_version(self) -> str:
        """The reading steps that are not part of the trained model's version."""
        steps = [f"negation-{NEGATION_VERSION}"]
        if self._splitter is not None:
            steps.append(f"split-{SPLITTING_VERSION}")
        return ".".join(steps)

    def reading(self, text: str) -> str:
        """What the model classifies: words run together split into corpus words
        (``models.intent.word_split``), respelt, and without a topic the caller says the call
        is not about (``models.intent.negation``)."""
        if self._splitter is not None:
            text = self._splitter.split(unicodedata.normalize("NFC", text))
        return drop_negated_topics(drop_set_aside_topics(self.respell(text)))

    def _heard(self, texts: Sequence[str]) -> list[str]:
        return [self.reading(t) for t in texts]

    def encoder_logits(self, texts: Sequence[str]) -> np.ndarray:
        """Logits of the encoder branch alone."""
        return self._encoder_logits(self._heard(texts))

    def _encoder_logits(self, texts: Sequence[str]) -> np.ndarray:
        ids = self._tokenize(texts, self._prefix, self.max_len)
        out = np.zeros((len(ids), len(self.labels)), dtype=np.float64)
        if self._alone(ids) and self._one is not None:
            with torch.no_grad():
                for i, seq in enumerate(ids):
                    (z,) = self._one(torch.tensor([seq]))
                    out[i] = z[0].double().numpy()
            return out
        with torch.inference_mode():
            for chunk, input_ids, mask in self._batches(ids):
                out[chunk] = self._network(input_ids, mask).double().numpy()
        return out

    def _lexical_proba(self, texts: Sequence[str]) -> np.ndarray | None:
        return self._lexical.predict_proba(list(texts)) if self._lexical is not None else None

    def logits(self, texts: Sequence[str]) -> np.ndarray:
        """Fused logits before the temperature (for calibration studies); ``predict`` is what
        callers want."""
        heard = self._heard(texts)
        return fuse(self._encoder_logits(heard), self._lexical_proba(heard), self.lexical_weight)

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, len(self.labels)))
        return softmax(self.logits(texts), self.temperature)

    def predict(self, texts: list[str]) -> list[IntentPrediction]:
        return predictions_from_proba(self.predict_proba(texts), self.labels)

    @property
    def embedding_version(self) -> str:
        """What identifies this classifier's embeddings: the model and the precision it runs in.
        int8 embeddings made in batches depended on their neighbours (``_batch_size``); since
        they are made one line at a time, the version says so and a stored FAQ is re-embedded."""
        if self.precision == "int8":
            return f"{self.version}-int8-alone"
        return f"{self.version}-{self.precision}"

    def embed(self, texts: Sequence[str], *, kind: EmbeddingKind = "query") -> np.ndarray:
        """L2-normalised multilingual-e5 sentence embeddings of the original (not fine-tuned)
        encoder, with e5's role prefix; queries and passages share one space."""
        if kind not in ("query", "passage"):
            raise ValueError(f"kind must be 'query' or 'passage', got {kind!r}")
        out = np.zeros((len(texts), self.embedding_dim), dtype=np.float32)
        if not texts:
            return out
        if kind == "query":  # a caller's words; passages are written text, spelt as written
            texts = self._heard(texts)
        else:
            texts = [unicodedata.normalize("NFC", t) for t in texts]
        ids = self._tokenize(texts, f"{kind}: ", self._options.embed_max_len)
        with torch.inference_mode():
            for chunk, input_ids, mask in self._batches(ids):
                hidden = self._network.lower(input_ids, mask)
                out[chunk] = self._network.embedding_from_lower(hidden, mask).float().numpy()
        return out

    def predict_and_embed(self, texts: list[str]) -> tuple[list[IntentPrediction], np.ndarray]:
        """Intent and query embedding together, running the shared lower layers only once
        (texts longer than the classifier's ``max_len`` are embedded truncated as well)."""
        logits = np.zeros((len(texts), len(self.labels)))
        emb = np.zeros((len(texts), self.embedding_dim), dtype=np.float32)
        if not texts:
            return [], emb
        texts = self._heard(texts)
        ids = self._tokenize(texts, self._prefix, self.max_len)
        if self._alone(ids) and self._one_embedded is not None:
            with torch.no_grad():
                for i, seq in enumerate(ids):
                    z, e = self._one_embedded(torch.tensor([seq]))
                    logits[i], emb[i] = z[0].double().numpy(), e[0].float().numpy()
        else:
            with torch.inference_mode():
                for chunk, input_ids, mask in self._batches(ids):
                    hidden = self._network.lower(input_ids, mask)
                    z, e = self._network.logits_and_embedding_from_lower(
                        hidden, mask, shared_top=self.shared_top
                    )
                    logits[chunk], emb[chunk] = z.double().numpy(), e.float().numpy()
        fused = fuse(logits, self._lexical_proba(texts), self.lexical_weight)
        return predictions_from_proba(softmax(fused, self.temperature), self.labels), emb
