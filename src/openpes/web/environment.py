"""Reading OpenPES settings from environment variables.

Kept apart from ``settings.py`` so the rules (where ``var/`` is, how the secret key
is created) are testable functions rather than module side effects.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

from openpes.errors import ConfigurationError

__all__ = ["is_production", "secret_key", "var_dir"]


def var_dir() -> Path:
    """Folder for local state (SQLite database, generated secret key)."""
    path = Path(os.environ.get("OPENPES_VAR_DIR", "var")).resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def is_production() -> bool:
    return os.environ.get("OPENPES_ENV", "development").lower() == "production"


def secret_key() -> str:
    """The key from ``OPENPES_SECRET_KEY``; for local use, one generated once into ``var/``.

    Production refuses to invent a key: a key that changes between restarts or hosts
    would silently log everybody out and break signed links.
    """
    key = os.environ.get("OPENPES_SECRET_KEY")
    if key:
        return key
    if is_production():
        raise ConfigurationError(
            "OPENPES_SECRET_KEY must be set when OPENPES_ENV=production "
            "(generate one with: python -c 'import secrets; print(secrets.token_urlsafe(64))')."
        )
    path = var_dir() / "secret_key"
    if path.exists():
        return path.read_text().strip()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".secret_key.")
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_urlsafe(64))
    os.chmod(tmp, 0o600)
    # os.link fails if another process won the race, so every process ends up with one key.
    try:
        os.link(tmp, path)
    except FileExistsError:
        pass
    finally:
        os.unlink(tmp)
    return path.read_text().strip()
