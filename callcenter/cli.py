"""The ``callcenter`` command line.

User mistakes (a missing file, a bad intent id, an unreachable database) end with
a one-line message and exit status 2, never a traceback. Heavy imports happen
inside the commands so ``callcenter --help`` stays instant.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Callable, Iterator
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from callcenter.config import Settings, get_settings

app = typer.Typer(
    help="120 Dasan consultation backend: serve, set up models, classify, review.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
keys_app = typer.Typer(
    help="API keys (shown once at creation, stored hashed).", no_args_is_help=True
)
app.add_typer(keys_app, name="keys")

F = TypeVar("F", bound=Callable[..., Any])


class UserError(Exception):
    """A problem the user can fix; shown as one line without a traceback."""


def friendly(func: F) -> F:
    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except UserError as exc:
            typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
            raise typer.Exit(2) from None
        except (OSError, ConnectionError) as exc:
            typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


def _settings() -> Settings:
    return get_settings()


def _jsonl_records(stream: Any) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """Yield (line number, record, error) for each non-empty input line."""
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, None, f"line {number}: invalid JSON ({exc.msg})"
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield number, None, f'line {number}: expected an object like {{"text": "..."}}'
            continue
        yield number, record, None


def _emit(obj: Any) -> None:
    typer.echo(json.dumps(obj, ensure_ascii=False))


# --- service ------------------------------------------------------------------------------


@app.command()
@friendly
def serve(
    host: Annotated[str | None, typer.Option(help="bind address")] = None,
    port: Annotated[int | None, typer.Option(help="port")] = None,
) -> None:
    """Serve the API (migrates the database first)."""
    import uvicorn

    from callcenter.api.app import create_app
    from callcenter.db.migrate import upgrade
    from callcenter.logging import configure_logging

    settings = _settings()
    configure_logging(settings.log_level)
    upgrade(settings.database_url)
    uvicorn.run(
        create_app(settings),
        host=host or settings.host,
        port=port or settings.port,
        log_level=settings.log_level.lower(),
    )


@app.command()
@friendly
def migrate(
    revision: Annotated[str, typer.Argument(help="target revision")] = "head",
    downgrade: Annotated[bool, typer.Option(help="downgrade to the revision instead")] = False,
) -> None:
    """Apply (or roll back) the Alembic migrations of the log database."""
    from callcenter.db import migrate as m

    settings = _settings()
    if downgrade:
        m.downgrade(settings.database_url, revision if revision != "head" else "base")
    else:
        m.upgrade(settings.database_url, revision)
    typer.echo(f"database at {revision if not downgrade else 'downgraded'}: {_safe_url(settings)}")


def _safe_url(settings: Settings) -> str:
    from sqlalchemy.engine import make_url

    return make_url(settings.database_url).render_as_string(hide_password=True)


@app.command()
@friendly
def setup(
    skip_models: Annotated[bool, typer.Option(help="only migrate and seed")] = False,
    skip_db: Annotated[bool, typer.Option(help="only build the models (image builds)")] = False,
) -> None:
    """Import/build the models into the cache (reused when present), migrate, seed the FAQ."""
    from callcenter.db.migrate import upgrade
    from callcenter.setup import prepare_models, seed_faq

    settings = _settings()
    if not skip_models:
        for line in prepare_models(settings, progress=True):
            typer.echo(line)
    if not skip_db:
        upgrade(settings.database_url)
        typer.echo(asyncio.run(seed_faq(settings)))


# --- keys -----------------------------------------------------------------------------------


@keys_app.command("create")
@friendly
def keys_create(
    role: Annotated[str, typer.Option(help="telephony | agent | supervisor | admin")],
    name: Annotated[str, typer.Option(help="who uses it (shown in the audit log)")],
) -> None:
    """Create a key and print it once."""
    from callcenter.auth.keys import Role, create_key
    from callcenter.consultations.service import record_audit

    try:
        parsed = Role(role)
    except ValueError:
        choices = ", ".join(r.value for r in Role)
        raise UserError(f"unknown role {role!r}; use one of: {choices}") from None
    if not name.strip() or len(name) > 64:
        raise UserError("name must be 1-64 characters")

    async def run(session: Any) -> str:
        row, key = await create_key(session, name=name.strip(), role=parsed)
        await session.commit()
        await record_audit(
            session,
            actor="cli",
            action="key.create",
            target_type="api_key",
            target_id=str(row.id),
            detail={"name": row.name, "role": row.role},
        )
        return key

    typer.echo(_with_session(run))


@keys_app.command("list")
@friendly
def keys_list() -> None:
    """List keys (never the keys themselves)."""
    from callcenter.auth.keys import list_keys

    async def run(session: Any) -> list[Any]:
        return await list_keys(session)

    for row in _with_session(run):
        state = f"revoked {row.revoked_at:%Y-%m-%d}" if row.revoked_at else "active"
        typer.echo(f"{row.id}\t{row.role}\t{row.name}\tcc_{row.prefix}_…\t{state}")


@keys_app.command("revoke")
@friendly
def keys_revoke(key_id: Annotated[int, typer.Argument(help="id from 'keys list'")]) -> None:
    """Revoke a key; it stops working at once."""
    from callcenter.auth.keys import revoke_key
    from callcenter.consultations.service import record_audit

    async def run(session: Any) -> bool:
        row = await revoke_key(session, key_id=key_id)
        if row is None:
            return False
        await session.commit()
        await record_audit(
            session, actor="cli", action="key.revoke", target_type="api_key", target_id=str(key_id)
        )
        return True

    if not _with_session(run):
        raise UserError(f"no API key with id {key_id}")
    typer.echo(f"revoked key {key_id}")


def _with_session(func: Callable[[Any], Any]) -> Any:
    from sqlalchemy.exc import OperationalError

    from callcenter.db.engine import make_engine, make_sessionmaker
    from callcenter.db.migrate import upgrade

    settings = _settings()

    async def run() -> Any:
        engine = make_engine(settings.database_url)
        try:
            async with make_sessionmaker(engine)() as session:
                return await func(session)
        finally:
            await engine.dispose()

    try:
        upgrade(settings.database_url)
        return asyncio.run(run())
    except OperationalError as exc:
        raise UserError(f"database unavailable at {_safe_url(settings)}: {exc.orig}") from None


# --- models and pipeline ------------------------------------------------------------------


@app.command()
@friendly
def classify(
    text: Annotated[str | None, typer.Argument(help="one utterance")] = None,
    jsonl: Annotated[bool, typer.Option(help='read lines {"text": ...} on stdin')] = False,
) -> None:
    """Classify text: intent, calibrated confidence, top-3 and the route the policy takes."""
    from callcenter.services import load_text_analyzer

    if text is None and not jsonl:
        raise UserError("give TEXT or --jsonl")
    analyzer = load_text_analyzer(_settings())

    def result(utterance: str) -> dict[str, Any]:
        analysis = analyzer.analyze(utterance)
        top = analysis.intent_scores[:3]
        return {
            "text": utterance,
            "intent": top[0][0] if top else None,
            "confidence": round(top[0][1], 4) if top else 0.0,
            "candidates": [{"id": i, "confidence": round(p, 4)} for i, p in top],
            "route": analysis.decision.type,
        }

    if not jsonl:
        _emit(result(text or ""))
        return
    failures = 0
    for _number, record, error in _jsonl_records(sys.stdin):
        if error:
            failures += 1
            typer.secho(f"error: {error}", fg=typer.colors.RED, err=True)
            continue
        assert record is not None
        _emit(result(record["text"]))
    if failures:
        raise typer.Exit(1)


@app.command()
@friendly
def consult(
    file: Annotated[Path | None, typer.Argument(help="an audio file")] = None,
    text: Annotated[str | None, typer.Option(help="a text consultation instead of audio")] = None,
) -> None:
    """Run the whole pipeline offline (no database) and print the result as JSON."""
    from callcenter.services import consult_offline

    if (file is None) == (text is None):
        raise UserError("give an audio FILE or --text, not both")
    if file is not None and not file.is_file():
        raise UserError(f"no such file: {file}")
    try:
        _emit(consult_offline(_settings(), audio_path=file, text=text))
    except Exception as exc:
        from callcenter.audio.errors import AudioError

        if isinstance(exc, AudioError):
            raise UserError(f"{file}: {exc}") from None
        raise


@app.command()
@friendly
def transcribe(
    files: Annotated[list[Path], typer.Argument(help="audio files")],
    language: Annotated[str | None, typer.Option(help="force a language")] = None,
) -> None:
    """Transcribe audio files (one JSON line each; redacted, like everything the service shows)."""
    from callcenter.audio.errors import AudioError
    from callcenter.services import load_speech_stage

    speech = load_speech_stage(_settings())
    failures = 0
    for path in files:
        try:
            if not path.is_file():
                raise UserError(f"no such file: {path}")
            _emit(speech.transcribe_file(path, language=language))
        except (UserError, AudioError) as exc:
            failures += 1
            typer.secho(f"error: {path}: {exc}", fg=typer.colors.RED, err=True)
    if failures:
        raise typer.Exit(2)


@app.command()
@friendly
def redact(
    text: Annotated[str | None, typer.Argument(help="text to redact")] = None,
    jsonl: Annotated[bool, typer.Option(help='read lines {"text": ...} on stdin')] = False,
) -> None:
    """Mask resident numbers, phones, cards, accounts and emails in Korean text."""
    from callcenter.privacy.redaction import redact as do_redact
    from callcenter.privacy.redaction import redact_jsonl

    if jsonl:
        failures = 0
        for record in redact_jsonl(sys.stdin):
            if "error" in record:
                failures += 1
                typer.secho(f"error: {record['error']}", fg=typer.colors.RED, err=True)
                continue
            _emit(record)
        if failures:
            raise typer.Exit(1)
        return
    if text is None:
        raise UserError("give TEXT or --jsonl")
    typer.echo(do_redact(text).text)


@app.command()
@friendly
def train(
    force: Annotated[bool, typer.Option(help="rebuild even if the cached version exists")] = False,
) -> None:
    """(Re)build the intent model from the corpus, with a progress bar."""
    from callcenter.setup import build_intent_model

    path = build_intent_model(_settings(), force=force, progress=True)
    typer.echo(f"intent model: {path}")


@app.command("eval")
@friendly
def evaluate(
    data: Annotated[Path, typer.Option(help="TSV with columns text, intent")],
    png: Annotated[Path, typer.Option(help="confusion matrix image")] = Path("var/confusion.png"),
) -> None:
    """Evaluate the intent model and the TF-IDF baseline on a labelled TSV (JSON out)."""
    from callcenter.setup import evaluate_models

    if not data.is_file():
        raise UserError(f"no such file: {data}")
    png.parent.mkdir(parents=True, exist_ok=True)
    try:
        _emit(evaluate_models(_settings(), data_path=data, png_path=png))
    except ValueError as exc:
        raise UserError(str(exc)) from None


@app.command("tune-thresholds")
@friendly
def tune_thresholds(
    data: Annotated[Path, typer.Option(help="TSV with columns text, intent")],
    target_wrong_rate: Annotated[float, typer.Option(help="acceptable wrong answers")] = 0.02,
    png: Annotated[Path, typer.Option(help="curve image")] = Path("var/thresholds.png"),
) -> None:
    """Automation rate against wrong-answer rate over a grid; proposes settings."""
    from callcenter.setup import tune

    if not data.is_file():
        raise UserError(f"no such file: {data}")
    png.parent.mkdir(parents=True, exist_ok=True)
    try:
        report = tune(_settings(), data_path=data, png_path=png, target=target_wrong_rate)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    typer.echo(report.to_text())
    typer.echo(f"curve: {png}")


@app.command("import-faq")
@friendly
def import_faq(file: Annotated[Path, typer.Argument(help="FAQ file (.yaml or .csv)")]) -> None:
    """Validate and import FAQ entries; reports what was added, updated, unchanged."""
    from callcenter.setup import import_faq_file
    from routing.faq import FaqValidationError

    if not file.is_file():
        raise UserError(f"no such file: {file}")
    try:
        report = asyncio.run(import_faq_file(_settings(), file))
    except FaqValidationError as exc:
        raise UserError(str(exc)) from None
    for kind in ("added", "updated", "unchanged"):
        ids = report[kind]
        typer.echo(
            f"{kind}: {len(ids)}" + (f" ({', '.join(ids)})" if ids and kind != "unchanged" else "")
        )


@app.command()
@friendly
def purge() -> None:
    """Delete what is past its retention period, irrecoverably, and record it."""
    from callcenter.retention import purge_expired

    settings = _settings()

    async def run(session: Any) -> dict[str, Any]:
        return await purge_expired(session, settings=settings, actor="cli")

    report = _with_session(run)
    if not settings.is_sqlite:
        asyncio.run(_vacuum(settings))
    _emit(report)


async def _vacuum(settings: Settings) -> None:
    from sqlalchemy import text

    from callcenter.db.engine import make_engine

    engine = make_engine(settings.database_url)
    try:
        async with engine.connect() as conn:
            conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
            for table in ("consultations", "transcript_segments", "call_audio", "agent_actions"):
                await conn.execute(text(f"VACUUM {table}"))
    finally:
        await engine.dispose()


def main() -> None:  # pragma: no cover - console entry
    app()
