"""Support-needs assessment: an interpretable, calibrated model a counsellor can overrule.

:func:`train` estimates the probability that a job seeker is *not* back in work within
12 months, to offer more support earlier, never to deny or reduce a service. The default
model is an Explainable Boosting Machine (a glass-box additive model); explanations are
exact, protected attributes are never features, and the model card reports accuracy,
calibration, group error rates and proxies. See ``docs/profiling.md``.
"""

from __future__ import annotations

from openpes.profiling._assess import Assessment, Factor
from openpes.profiling._demo import DEMO_PROTECTED, train_demo_model
from openpes.profiling._evaluation import Evaluation
from openpes.profiling._features import (
    ACTIONABLE_FEATURES,
    IMMUTABLE_FEATURES,
    WORLD_FEATURES,
    feature_label,
    features_from_world,
    training_frame,
)
from openpes.profiling._model import BANDS, ModelKind, SupportNeedsModel
from openpes.profiling._proxy import ProxyResult
from openpes.profiling._recourse import Change, RecourseOption
from openpes.profiling._storage import artifact_sha256
from openpes.profiling._train import EBM_SETTINGS, train

__all__ = [
    "ACTIONABLE_FEATURES",
    "BANDS",
    "DEMO_PROTECTED",
    "EBM_SETTINGS",
    "IMMUTABLE_FEATURES",
    "WORLD_FEATURES",
    "Assessment",
    "Change",
    "Evaluation",
    "Factor",
    "ModelKind",
    "ProxyResult",
    "RecourseOption",
    "SupportNeedsModel",
    "artifact_sha256",
    "feature_label",
    "features_from_world",
    "train",
    "train_demo_model",
    "training_frame",
]
