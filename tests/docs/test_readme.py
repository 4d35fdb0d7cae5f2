"""The README stays true: its settings table is the code's, its commands exist."""

from __future__ import annotations

import re

from callcenter.cli import app
from callcenter.config import PROJECT_ROOT, settings_table

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


def test_settings_table_matches_code() -> None:
    section = re.search(
        r"<!-- settings-table:start -->\n(.*)\n<!-- settings-table:end -->", README, re.S
    )
    assert section is not None
    assert section.group(1) == settings_table(), (
        "README settings table is stale; regenerate it from callcenter.config.settings_table()"
    )


def test_readme_leads_with_the_two_commands() -> None:
    head = README[:1500]
    assert "make run" in head and "make test" in head


def test_every_cli_command_is_documented() -> None:
    import typer.main

    group = typer.main.get_command(app)
    for name in group.commands:  # type: ignore[attr-defined]
        assert f"`{name}" in README or f" {name}`" in README or name in README, name
