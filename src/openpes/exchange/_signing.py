"""Ed25519 keys, signatures and their storage (the private key is a 0600 file under var/)."""

from __future__ import annotations

import base64
import binascii
import os
import tempfile
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from openpes.errors import ConfigurationError, InputError
from openpes.exchange._canonical import canonical_json
from openpes.i18n import messages

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

_ = messages("openpes.exchange")

__all__ = [
    "ALGORITHM",
    "check_public_key",
    "generate_key",
    "load_private_key",
    "new_private_key",
    "public_key_text",
    "sign",
    "signature_valid",
]

ALGORITHM = "ed25519"
_PREFIX = ALGORITHM + ":"


def _crypto() -> Any:
    """The ``cryptography`` modules, imported when a key is first used (so that OpenPES
    starts, and every page but the exchange works, before the dependency is installed)."""
    try:
        from cryptography import exceptions
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import ed25519
    except ImportError:  # pragma: no cover - the dependency is in the lock files
        raise ConfigurationError(
            _("the exchange needs the 'cryptography' package: pip install cryptography")
        ) from None
    return SimpleNamespace(
        serialization=serialization,
        ed25519=ed25519,
        InvalidSignature=exceptions.InvalidSignature,
    )


def new_private_key() -> Ed25519PrivateKey:
    """A fresh Ed25519 private key in memory (the demo's fictional members use these)."""
    return _crypto().ed25519.Ed25519PrivateKey.generate()


def generate_key(path: str | os.PathLike[str], *, overwrite: bool = False) -> str:
    """Create a private key at ``path`` (mode 0600, written atomically); its public key text.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> key = pathlib.Path(tempfile.mkdtemp()) / "exchange.key"
    >>> generate_key(key).startswith("ed25519:"), oct(key.stat().st_mode & 0o777)
    (True, '0o600')
    """
    target = Path(path)
    if target.exists() and not overwrite:
        raise InputError(
            _("a key already exists here; keep it, or give --force to replace it"),
            file=str(target),
        )
    crypto = _crypto()
    serialization = crypto.serialization
    private = new_private_key()
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    # mkstemp creates the file 0600, so the key is never readable by others, not even briefly.
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(pem)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(name, 0o600)
        os.replace(name, target)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return public_key_text(private)


def load_private_key(path: str | os.PathLike[str]) -> Ed25519PrivateKey:
    """Read the private key that :func:`generate_key` wrote."""
    target = Path(path)
    crypto = _crypto()
    try:
        key = crypto.serialization.load_pem_private_key(target.read_bytes(), password=None)
    except FileNotFoundError:
        raise InputError(
            _("no exchange key here; create one with 'openpes exchange keygen'"),
            file=str(target),
        ) from None
    except ValueError:
        raise InputError(_("this is not an exchange key"), file=str(target)) from None
    if not isinstance(key, crypto.ed25519.Ed25519PrivateKey):
        raise InputError(_("this is not an exchange key"), file=str(target))
    return key


def public_key_text(private: Ed25519PrivateKey) -> str:
    """The public key as ``ed25519:<base64>``, the form a hub registers."""
    serialization = _crypto().serialization
    raw = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return _PREFIX + base64.b64encode(raw).decode("ascii")


def _public_key(text: str) -> Ed25519PublicKey:
    if not isinstance(text, str) or not text.startswith(_PREFIX):
        raise InputError(_("a public key is written 'ed25519:' and 44 base64 characters"))
    try:
        raw = base64.b64decode(text[len(_PREFIX) :], validate=True)
        return _crypto().ed25519.Ed25519PublicKey.from_public_bytes(raw)
    except (binascii.Error, ValueError):
        raise InputError(_("a public key is written 'ed25519:' and 44 base64 characters")) from None


def check_public_key(text: str) -> str:
    """``text`` if it is a valid public key; else :class:`InputError`."""
    _public_key(text)
    return text


def _signed_content(bundle: dict[str, Any]) -> bytes:
    return canonical_json({k: v for k, v in bundle.items() if k != "signature"})


def sign(bundle: dict[str, Any], private: Ed25519PrivateKey) -> dict[str, Any]:
    """The bundle with its signature over the canonical JSON of everything else."""
    value = private.sign(_signed_content(bundle))
    return {
        **{k: v for k, v in bundle.items() if k != "signature"},
        "signature": {"algorithm": ALGORITHM, "value": base64.b64encode(value).decode("ascii")},
    }


def signature_valid(bundle: dict[str, Any], public_key: str) -> bool:
    """Whether the bundle's signature is the given member key's, over this exact content."""
    crypto = _crypto()
    signature = bundle.get("signature")
    if not isinstance(signature, dict) or signature.get("algorithm") != ALGORITHM:
        return False
    try:
        value = base64.b64decode(str(signature.get("value", "")), validate=True)
        _public_key(public_key).verify(value, _signed_content(bundle))
    except (binascii.Error, crypto.InvalidSignature, InputError, ValueError):
        return False
    return True
