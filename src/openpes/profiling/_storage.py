"""Saving and loading models: JSON and LightGBM text, each file under a SHA-256.

No pickle: a model folder holds ``model.json`` (tables, calibration, report), for
LightGBM also ``lightgbm.txt``, and ``manifest.json`` with the SHA-256 of each file.
The manifest is written in canonical form and its own SHA-256 is the artifact's
fingerprint, so a changed byte anywhere is refused on load.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from openpes.errors import InputError, IntegrityError
from openpes.files import check_writable, remove_orphans, write_atomic
from openpes.i18n import messages
from openpes.profiling._additive import AdditiveTable
from openpes.profiling._boosted import BoostedModel
from openpes.profiling._calibration import Calibrator
from openpes.profiling._columns import FeatureSpec
from openpes.profiling._model import SupportNeedsModel
from openpes.profiling._report import json_ready, report_from_dict, report_to_dict

__all__ = [
    "FORMAT",
    "artifact_sha256",
    "load_model",
    "model_dict",
    "save_model",
]

_ = messages("openpes.profiling")

FORMAT = "openpes.profiling.model/1"
MANIFEST = "manifest.json"
MODEL = "model.json"
BOOSTER = "lightgbm.txt"


def _canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, allow_nan=False, indent=1).encode()


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def model_dict(model: SupportNeedsModel) -> dict[str, Any]:
    """The whole model as the JSON object of ``model.json``."""
    return json_ready(
        {
            "format": FORMAT,
            "kind": model.kind,
            "target": model.target,
            "specs": [s.to_dict() for s in model.specs],
            "protected": list(model.protected),
            "allow_protected": model.allow_protected,
            "calibrator": model.calibrator.to_dict(),
            "thresholds": list(model.thresholds),
            "actions": {k: list(v) for k, v in model.actions.items()},
            "immutable": sorted(model.immutable),
            "report": report_to_dict(model.report),
            "table": None if model.table is None else model.table.to_dict(),
            "boosted": None if model.boosted is None else model.boosted.to_dict(),
        }
    )


def save_model(model: SupportNeedsModel, path: str | os.PathLike[str]) -> str:
    """Write ``model`` to a folder (JSON and, for LightGBM, its text model).

    Returns the artifact's SHA-256; :func:`load_model` refuses the folder if any byte of
    it changed.

    Examples
    --------
    >>> import tempfile
    >>> from openpes.profiling import load_model, train_demo_model
    >>> from openpes.synth import generate_world
    >>> model = train_demo_model(generate_world(3000, 10, 2, seed=3))
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     sha = save_model(model, folder)
    ...     load_model(folder, sha256=sha).thresholds == model.thresholds
    True
    """
    folder = check_writable(path, folder=True)
    folder.mkdir(parents=True, exist_ok=True)
    files = {MODEL: _canonical(model_dict(model))}
    if model.boosted is not None:
        files[BOOSTER] = model.boosted.model_text.encode()
    for name, data in files.items():
        write_atomic(folder / name, data)
    manifest = _canonical(
        {"format": FORMAT, "files": {name: _sha(data) for name, data in files.items()}}
    )
    write_atomic(folder / MANIFEST, manifest)
    # The manifest is the commit point; after it, a file of an earlier model saved here
    # (say a LightGBM booster under a new EBM) is stale and goes, as do killed writes' leftovers.
    for name in (MODEL, BOOSTER):
        if name not in files:
            (folder / name).unlink(missing_ok=True)
    remove_orphans(folder)
    return _sha(manifest)


def artifact_sha256(path: str | os.PathLike[str]) -> str:
    """The SHA-256 of a saved model's manifest, which covers every file of it."""
    return _sha((Path(path) / MANIFEST).read_bytes())


def load_model(path: str | os.PathLike[str], *, sha256: str | None = None) -> SupportNeedsModel:
    """Read a model written by :func:`save_model`, verifying every file's SHA-256.

    Raises :class:`openpes.errors.IntegrityError` when the folder was altered, or when
    ``sha256`` is given and differs from the artifact's, and
    :class:`openpes.errors.InputError` when there is no saved model at ``path``.
    """
    folder = Path(path)
    manifest_path = folder / MANIFEST
    if not manifest_path.is_file():
        raise InputError(_("no saved model here (manifest.json is missing)"), file=str(folder))
    raw = manifest_path.read_bytes()
    try:
        manifest = json.loads(raw)
        canonical = _canonical(manifest)
    except (ValueError, TypeError):
        raise IntegrityError(
            _("the model's manifest is damaged: {file}").format(file=manifest_path)
        ) from None
    if (
        canonical != raw
        or manifest.get("format") != FORMAT
        or not isinstance(manifest.get("files"), dict)
    ):
        raise IntegrityError(
            _("the model's manifest was altered: {file}").format(file=manifest_path)
        )
    if sha256 is not None and _sha(raw) != sha256:
        raise IntegrityError(
            _("the model's SHA-256 is {actual}, but {expected} was expected").format(
                actual=_sha(raw), expected=sha256
            )
        )
    contents: dict[str, bytes] = {}
    for name, expected in manifest["files"].items():
        file = folder / name
        if Path(name).name != name or not file.is_file():
            raise IntegrityError(_("a file of the model is missing: {file}").format(file=file))
        data = file.read_bytes()
        if _sha(data) != expected:
            raise IntegrityError(_("a file of the model was altered: {file}").format(file=file))
        contents[name] = data
    if MODEL not in contents:
        raise IntegrityError(
            _("a file of the model is missing: {file}").format(file=folder / MODEL)
        )
    values = json.loads(contents[MODEL])
    boosted = None
    if values["boosted"] is not None:
        if BOOSTER not in contents:
            raise IntegrityError(
                _("a file of the model is missing: {file}").format(file=folder / BOOSTER)
            )
        boosted = BoostedModel.from_parts(values["boosted"], contents[BOOSTER].decode())
    return SupportNeedsModel(
        kind=values["kind"],
        target=values["target"],
        specs=tuple(FeatureSpec.from_dict(s) for s in values["specs"]),
        protected=tuple(values["protected"]),
        allow_protected=bool(values["allow_protected"]),
        calibrator=Calibrator.from_dict(values["calibrator"]),
        thresholds=(float(values["thresholds"][0]), float(values["thresholds"][1])),
        actions={k: tuple(v) for k, v in values["actions"].items()},
        immutable=frozenset(values["immutable"]),
        report=report_from_dict(values["report"]),
        table=None if values["table"] is None else AdditiveTable.from_dict(values["table"]),
        boosted=boosted,
    )
