"""Phone calls from the telephony system: accept, commit, then transcribe and route."""

from __future__ import annotations

import asyncio
import re
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Response, UploadFile

from callcenter.api.dependencies import SessionDep, StateDep, TelephonyDep
from callcenter.api.uploads import read_upload
from callcenter.consultations import service
from callcenter.consultations.present import consultation_out
from callcenter.consultations.schemas import ConsultationOut
from callcenter.pipeline.speech import audio_limits

router = APIRouter(prefix="/v1", tags=["calls"])

CALL_ID = re.compile(r"^[\w.:@+-]{1,128}$")
CALLER = re.compile(r"^\+?[\d\s()-]{3,32}$")


@router.post(
    "/calls",
    status_code=201,
    response_model=ConsultationOut,
    responses={
        200: {"description": "this call_id was already received: the existing consultation"},
        202: {"description": "long call accepted; poll status_url"},
        413: {"description": "file or audio too large or too long"},
        415: {"description": "audio that cannot be decoded"},
        422: {"description": "missing or invalid fields, empty audio"},
    },
)
async def post_call(
    response: Response,
    principal: TelephonyDep,
    state: StateDep,
    session: SessionDep,
    audio: Annotated[UploadFile, File(description="the call's audio, any common format")],
    call_id: Annotated[str, Form(description="the telephony system's id of the call")],
    caller: Annotated[str | None, Form(description="caller's phone number")] = None,
    started_at: Annotated[datetime | None, Form(description="ISO time the call began")] = None,
    sample_rate: Annotated[
        int | None, Form(ge=8000, le=48000, description="only for raw audio/pcm")
    ] = None,
) -> ConsultationOut:
    settings = state.settings
    services = state.services
    call_id = call_id.strip()
    if not CALL_ID.match(call_id):
        raise HTTPException(
            422, detail="call_id must be 1-128 letters, digits or . _ : @ + - characters"
        )
    if caller is not None and caller.strip() and not CALLER.match(caller.strip()):
        raise HTTPException(422, detail="caller must be a phone number")

    existing = await service.get_by_call_id(session, source=principal.name, call_id=call_id)
    if existing is not None:
        response.status_code = 200
        return consultation_out(existing, taxonomy=services.taxonomy)

    data = await read_upload(audio, max_bytes=settings.max_upload_bytes)
    decoded = await asyncio.to_thread(
        services.speech.decode,
        data,
        content_type=audio.content_type,
        filename=audio.filename,
        pcm_sample_rate=sample_rate,
        limits=audio_limits(settings),
    )
    row, created = await service.create_consultation(
        session,
        call=service.NewCall(
            source=principal.name,
            call_id=call_id,
            channel="phone",
            caller=caller.strip() if caller else None,
            started_at=started_at,
            audio=data,
            content_type=audio.content_type,
            filename=audio.filename,
            pcm_sample_rate=sample_rate,
            audio_duration_s=round(float(decoded.duration), 3),
            audio_format=str(getattr(decoded, "codec", "") or "")[:64] or None,
        ),
        caller_salt=settings.caller_hash_salt.get_secret_value(),
    )
    if not created:
        response.status_code = 200
    elif decoded.duration <= settings.sync_audio_seconds:
        await services.runner.process(row.id)
        await session.refresh(row)
    else:
        services.runner.submit(row.id)
        response.status_code = 202
        response.headers["Location"] = f"/v1/consultations/{row.id}"
    return consultation_out(row, taxonomy=services.taxonomy)
