"""Where things live. One rule for the database path, used by every command and the dashboard."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
DEFAULT_DB = DATA_DIR / "lending.duckdb"
DB_ENV_VAR = "LENDSCOPE_DB"


def resolve_db_path(cli_value: str | os.PathLike | None = None) -> Path:
    """`--db PATH` wins, then $LENDSCOPE_DB, then data/lending.duckdb."""
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    env_value = os.environ.get(DB_ENV_VAR, "").strip()
    if env_value:
        return Path(env_value).expanduser().resolve()
    return DEFAULT_DB


def display_path(path: Path) -> str:
    """A path relative to the project when it lies inside it (shorter, stable messages)."""
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)
