"""initial consultation log schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-30 00:25:33.107201
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "api_keys",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_keys")),
        sa.UniqueConstraint("prefix", name=op.f("uq_api_keys_prefix")),
    )
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("target_type", sa.String(length=32), nullable=True),
        sa.Column("target_id", sa.String(length=64), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.create_index("ix_audit_events_at", ["at"], unique=False)

    op.create_table(
        "consultations",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("source", sa.String(length=64), nullable=False),
        sa.Column("call_id", sa.String(length=128), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("caller_hash", sa.String(length=64), nullable=True),
        sa.Column("caller_last4", sa.String(length=4), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("status_reason", sa.String(length=255), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("audio_duration_s", sa.Float(), nullable=True),
        sa.Column("audio_format", sa.String(length=64), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("language_probability", sa.Float(), nullable=True),
        sa.Column("transcript", sa.Text(), nullable=True),
        sa.Column("pii_spans", sa.JSON(), nullable=True),
        sa.Column("stt_avg_logprob", sa.Float(), nullable=True),
        sa.Column("stt_no_speech_prob", sa.Float(), nullable=True),
        sa.Column("intent_id", sa.String(length=64), nullable=True),
        sa.Column("intent_confidence", sa.Float(), nullable=True),
        sa.Column("candidates", sa.JSON(), nullable=True),
        sa.Column("route_type", sa.String(length=16), nullable=True),
        sa.Column("route_department", sa.String(length=32), nullable=True),
        sa.Column("route_reason", sa.String(length=64), nullable=True),
        sa.Column("transfer_line", sa.String(length=8), nullable=True),
        sa.Column("answered_faq_id", sa.String(length=64), nullable=True),
        sa.Column("answer", sa.JSON(), nullable=True),
        sa.Column("suggestions", sa.JSON(), nullable=True),
        sa.Column("model_versions", sa.JSON(), nullable=True),
        sa.Column("timings_ms", sa.JSON(), nullable=True),
        sa.Column("processing_ms", sa.Float(), nullable=True),
        sa.Column("claimed_by", sa.String(length=64), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=True),
        sa.Column("corrected_intent", sa.String(length=64), nullable=True),
        sa.Column("reviewed", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultations")),
        sa.UniqueConstraint("source", "call_id", name="uq_consultations_source_call_id"),
    )
    with op.batch_alter_table("consultations", schema=None) as batch_op:
        batch_op.create_index(
            "ix_consultations_department_received",
            ["route_department", "received_at"],
            unique=False,
        )
        batch_op.create_index(
            "ix_consultations_intent_received", ["intent_id", "received_at"], unique=False
        )
        batch_op.create_index(
            "ix_consultations_queue", ["route_type", "resolved_at", "received_at"], unique=False
        )
        batch_op.create_index(
            "ix_consultations_received_at_id", ["received_at", "id"], unique=False
        )
        batch_op.create_index(
            "ix_consultations_route_received", ["route_type", "received_at"], unique=False
        )
        batch_op.create_index(
            "ix_consultations_status_received", ["status", "received_at"], unique=False
        )

    op.create_table(
        "faq_entries",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("intent", sa.String(length=64), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("department", sa.String(length=32), nullable=False),
        sa.Column("source", sa.String(length=255), nullable=False),
        sa.Column("updated", sa.String(length=32), nullable=False),
        sa.Column("embedding", sa.LargeBinary(), nullable=True),
        sa.Column("embedding_version", sa.String(length=64), nullable=True),
        sa.Column("modified_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_faq_entries")),
    )
    with op.batch_alter_table("faq_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_faq_entries_intent"), ["intent"], unique=False)

    op.create_table(
        "agent_actions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("consultation_id", sa.String(length=32), nullable=False),
        sa.Column("agent", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=True),
        sa.Column("corrected_intent", sa.String(length=64), nullable=True),
        sa.Column("used_faq_id", sa.String(length=64), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultations.id"],
            name=op.f("fk_agent_actions_consultation_id_consultations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agent_actions")),
    )
    with op.batch_alter_table("agent_actions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agent_actions_agent"), ["agent"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_agent_actions_consultation_id"), ["consultation_id"], unique=False
        )

    op.create_table(
        "call_audio",
        sa.Column("consultation_id", sa.String(length=32), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("content_type", sa.String(length=128), nullable=True),
        sa.Column("filename", sa.String(length=255), nullable=True),
        sa.Column("pcm_sample_rate", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultations.id"],
            name=op.f("fk_call_audio_consultation_id_consultations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("consultation_id", name=op.f("pk_call_audio")),
    )
    op.create_table(
        "qa_reviews",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("consultation_id", sa.String(length=32), nullable=False),
        sa.Column("reviewer", sa.String(length=64), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("rubric", sa.JSON(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultations.id"],
            name=op.f("fk_qa_reviews_consultation_id_consultations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_qa_reviews")),
    )
    with op.batch_alter_table("qa_reviews", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_qa_reviews_consultation_id"), ["consultation_id"], unique=False
        )

    op.create_table(
        "transcript_segments",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("consultation_id", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("speaker", sa.String(length=16), nullable=False),
        sa.Column("start_s", sa.Float(), nullable=False),
        sa.Column("end_s", sa.Float(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("avg_logprob", sa.Float(), nullable=True),
        sa.Column("no_speech_prob", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultations.id"],
            name=op.f("fk_transcript_segments_consultation_id_consultations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transcript_segments")),
    )
    with op.batch_alter_table("transcript_segments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_transcript_segments_consultation_id"), ["consultation_id"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("transcript_segments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_transcript_segments_consultation_id"))

    op.drop_table("transcript_segments")
    with op.batch_alter_table("qa_reviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_qa_reviews_consultation_id"))

    op.drop_table("qa_reviews")
    op.drop_table("call_audio")
    with op.batch_alter_table("agent_actions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agent_actions_consultation_id"))
        batch_op.drop_index(batch_op.f("ix_agent_actions_agent"))

    op.drop_table("agent_actions")
    with op.batch_alter_table("faq_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_faq_entries_intent"))

    op.drop_table("faq_entries")
    with op.batch_alter_table("consultations", schema=None) as batch_op:
        batch_op.drop_index("ix_consultations_status_received")
        batch_op.drop_index("ix_consultations_route_received")
        batch_op.drop_index("ix_consultations_received_at_id")
        batch_op.drop_index("ix_consultations_queue")
        batch_op.drop_index("ix_consultations_intent_received")
        batch_op.drop_index("ix_consultations_department_received")

    op.drop_table("consultations")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_events_at")

    op.drop_table("audit_events")
    op.drop_table("api_keys")
