"""A synthetic but realistic PES population, with explicit and configurable bias.

:func:`generate_world` draws job seekers (and, in a separate frame, their protected
attributes), vacancies, trainings and re-employment outcomes. Occupations follow real
job-offer counts, skills the real ESCO relations and salaries the real medians. Bias
enters only through :class:`BiasConfig`, and every outcome carries its unbiased
counterfactual, so audits can tell historical bias from model bias.
``docs/synthetic-world.md`` documents every column and every assumption.
"""

from openpes.synth._bias import BiasConfig, LabelBiasGroup
from openpes.synth._demand import load_demand
from openpes.synth._generate import GENERATION_STEPS, generate_world
from openpes.synth._regions import regions
from openpes.synth._world import FRAMES, World

__all__ = [
    "FRAMES",
    "GENERATION_STEPS",
    "BiasConfig",
    "LabelBiasGroup",
    "World",
    "generate_world",
    "load_demand",
    "regions",
]
