"""OpenAI-compatible speech-to-text, so existing speech clients work against the service.

``POST /v1/audio/transcriptions`` with the OpenAI client's ``api_key`` being a
telephony or agent key of this service. Nothing is logged to the consultation log:
this is a tool for clients, not a consultation.
"""

from __future__ import annotations

import asyncio
from typing import Annotated, Literal

from fastapi import APIRouter, File, Form, HTTPException, UploadFile
from fastapi.responses import JSONResponse, PlainTextResponse, Response

from callcenter.api.dependencies import SpeechClientDep, StateDep
from callcenter.api.uploads import read_upload
from callcenter.pipeline.speech import audio_limits
from callcenter.privacy.redaction import redact

router = APIRouter(prefix="/v1/audio", tags=["speech"])

Format = Literal["json", "text", "verbose_json", "srt", "vtt"]


def _timestamp(seconds: float, *, sep: str) -> str:
    ms = round(seconds * 1000)
    h, rem = divmod(ms, 3_600_000)
    m, rem = divmod(rem, 60_000)
    s, ms = divmod(rem, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


@router.post("/transcriptions")
async def transcriptions(
    principal: SpeechClientDep,
    state: StateDep,
    file: Annotated[UploadFile, File()],
    model: Annotated[str, Form(max_length=100)] = "whisper-1",
    language: Annotated[str | None, Form(max_length=8)] = None,
    prompt: Annotated[str | None, Form(max_length=1000)] = None,
    response_format: Annotated[Format, Form()] = "json",
    temperature: Annotated[float, Form(ge=0, le=1)] = 0.0,
) -> Response:
    speech = state.services.speech
    if language is not None and not language.isalpha():
        raise HTTPException(422, detail="language must be an ISO 639-1 code such as 'ko'")
    data = await read_upload(file, max_bytes=state.settings.max_upload_bytes)
    decoded = await asyncio.to_thread(
        speech.decode,
        data,
        content_type=file.content_type,
        filename=file.filename,
        pcm_sample_rate=None,
        limits=audio_limits(state.settings),
    )
    result = await speech.transcribe(
        decoded.audio, language=language, prompt=prompt, temperature=temperature
    )
    # Redaction applies here too: the service never hands out a resident number.
    segments = [(seg.start, seg.end, redact(seg.text).text.strip()) for seg in result.segments]
    text = redact(result.text).text
    if response_format == "text":
        return PlainTextResponse(text)
    if response_format in ("srt", "vtt"):
        sep = "," if response_format == "srt" else "."
        blocks = [
            (f"{i}\n" if response_format == "srt" else "")
            + f"{_timestamp(a, sep=sep)} --> {_timestamp(b, sep=sep)}\n{t}\n"
            for i, (a, b, t) in enumerate(segments, start=1)
        ]
        header = "WEBVTT\n\n" if response_format == "vtt" else ""
        return PlainTextResponse(header + "\n".join(blocks), media_type="text/plain")
    if response_format == "json":
        return JSONResponse({"text": text})
    return JSONResponse(
        {
            "task": "transcribe",
            "language": result.language,
            "duration": round(float(decoded.duration), 3),
            "text": text,
            "segments": [
                {"id": i, "start": a, "end": b, "text": t} for i, (a, b, t) in enumerate(segments)
            ],
        }
    )
