"""Reading uploaded files within the size limit."""

from __future__ import annotations

from fastapi import HTTPException, UploadFile

CHUNK = 1024 * 1024


async def read_upload(upload: UploadFile, *, max_bytes: int) -> bytes:
    """Read at most ``max_bytes``; a larger file is refused before it is all in memory."""
    chunks: list[bytes] = []
    total = 0
    while chunk := await upload.read(CHUNK):
        total += len(chunk)
        if total > max_bytes:
            raise HTTPException(413, detail=f"file is larger than the limit of {max_bytes} bytes")
        chunks.append(chunk)
    data = b"".join(chunks)
    if not data:
        raise HTTPException(422, detail="the uploaded file is empty")
    return data
