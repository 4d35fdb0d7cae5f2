"""The FastAPI application: wiring only; each route module does one domain."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from callcenter.api.middleware import BodySizeLimit, RejectNulInUrl, RequestMetrics
from callcenter.api.ratelimit import make_rate_limiter
from callcenter.api.routes import (
    admin,
    calls,
    consultations,
    faq,
    health,
    intents,
    queue,
    stats,
    transcriptions,
)
from callcenter.api.state import AppState
from callcenter.audio.errors import AudioError
from callcenter.config import Settings, get_settings
from callcenter.db.engine import make_engine, make_sessionmaker
from callcenter.services import DATABASE_ERRORS, LoadedModels, Services

log = logging.getLogger("callcenter.api")


def create_app(settings: Settings | None = None, *, models: LoadedModels | None = None) -> FastAPI:
    """Build the app. Tests pass already-loaded ``models`` to share them across apps."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = make_engine(settings.database_url, echo=settings.database_echo)
        state = AppState(
            settings=settings,
            engine=engine,
            sessionmaker=make_sessionmaker(engine),
            rate_limiter=make_rate_limiter(
                per_minute=settings.rate_limit_per_minute,
                redis_url=settings.redis_url,
                namespace=settings.redis_namespace,
            ),
        )
        app.state.callcenter = state
        loaded = models or LoadedModels.load(settings)
        state.services = await Services.start(
            settings=settings, models=loaded, sessionmaker=state.sessionmaker
        )
        try:
            resumed = await state.services.runner.recover_unfinished()
        except DATABASE_ERRORS as exc:
            log.error("could not look for unfinished calls: %s", type(exc).__name__)
        else:
            if resumed:
                log.warning("resumed %d unfinished consultations after a restart", len(resumed))
        try:
            yield
        finally:
            await state.services.runner.drain()
            await state.rate_limiter.close()
            await engine.dispose()

    app = FastAPI(
        title="120 Dasan consultation backend",
        version="0.1.0",
        description="Speech-to-text, intent, routing and the consultation log of Seoul's 120.",
        lifespan=lifespan,
    )
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PUT", "DELETE"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_request_bytes)
    app.add_middleware(RejectNulInUrl)
    app.add_middleware(RequestMetrics)
    for module in (
        health,
        calls,
        consultations,
        queue,
        stats,
        intents,
        faq,
        admin,
        transcriptions,
    ):
        app.include_router(module.router)
    _install_error_handlers(app)
    return app


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AudioError)
    async def audio_error(_request: Request, exc: AudioError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        # FastAPI's default echoes the input back; a transcript or a caller number must
        # not travel back into client logs, so only say where and what is wrong.
        errors = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
            for e in exc.errors()
        ]
        return JSONResponse({"detail": errors}, status_code=422)

    async def database_unavailable(_request: Request, exc: Exception) -> JSONResponse:
        log.error("database unavailable: %s", type(exc).__name__)
        return JSONResponse(
            {"detail": "the consultation database is unavailable; retry shortly"},
            status_code=503,
            headers={"Retry-After": "5"},
        )

    for exc_type in (OperationalError, PoolTimeout, OSError):
        app.add_exception_handler(exc_type, database_unavailable)

    @app.exception_handler(DBAPIError)
    async def dbapi_error(request: Request, exc: DBAPIError) -> JSONResponse:
        if exc.connection_invalidated:
            return await database_unavailable(request, exc)
        log.error("database error: %s", type(exc.orig).__name__)
        return JSONResponse({"detail": "database error"}, status_code=500)
