"""The consultation pipeline: decode → transcribe → redact → classify → route → log.

Each stage is a plain object with a narrow interface. The runner is driven by a
consultation id and the database, never by request state, so the heavy stages can
move to workers that share the PostgreSQL log without changing the API.
"""
