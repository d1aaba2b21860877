"""Support-needs assessment: an interpretable, calibrated model a counsellor can overrule.

:func:`train` estimates the probability that a job seeker is *not* back in work within
12 months, to offer more support earlier, never to deny or reduce a service. The default
model is an Explainable Boosting Machine (a glass-box additive model); explanations are
exact, protected attributes are never features, and the model card reports accuracy,
calibration, group error rates and proxies. See ``docs/profiling.md``.

The model is data: its card (:func:`card_document`, :func:`model_card`), its storage
(:func:`save_model`, :func:`load_model`), one person's assessment (:func:`assess`) and
recourse (:func:`recourse`) are functions that take it.
"""

from __future__ import annotations

from openpes.profiling._assess import Assessment, Factor, assess
from openpes.profiling._card import CardFormat, card_document, model_card
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
from openpes.profiling._recourse import Change, RecourseOption, recourse
from openpes.profiling._report import (
    BandGap,
    BandGroupRate,
    BandRate,
    CalibrationBin,
    Comparison,
    Disparity,
    GroupRates,
    SplitSummary,
    TestSummary,
    TrainingReport,
)
from openpes.profiling._storage import artifact_sha256, load_model, save_model
from openpes.profiling._text import model_kind_label
from openpes.profiling._train import EBM_SETTINGS, train

__all__ = [
    "ACTIONABLE_FEATURES",
    "BANDS",
    "DEMO_PROTECTED",
    "EBM_SETTINGS",
    "IMMUTABLE_FEATURES",
    "WORLD_FEATURES",
    "Assessment",
    "BandGap",
    "BandGroupRate",
    "BandRate",
    "CalibrationBin",
    "CardFormat",
    "Change",
    "Comparison",
    "Disparity",
    "Evaluation",
    "Factor",
    "GroupRates",
    "ModelKind",
    "ProxyResult",
    "RecourseOption",
    "SplitSummary",
    "SupportNeedsModel",
    "TestSummary",
    "TrainingReport",
    "artifact_sha256",
    "assess",
    "card_document",
    "feature_label",
    "features_from_world",
    "load_model",
    "model_card",
    "model_kind_label",
    "recourse",
    "save_model",
    "train",
    "train_demo_model",
    "training_frame",
]
