"""The exchange between PES: signed bundles a member shares, and the hub's benchmarks.

A member builds a bundle of the parts a person chose to share (readiness results,
published register records, aggregate oversight indicators, cases), signs it with its
Ed25519 key and sends it to a hub. The hub checks it with :func:`receive` against the
registered member keys, refusing tampered bundles, unknown members, groups below
:data:`MIN_GROUP` people and future format versions, and publishes :func:`benchmarks`
that never show fewer than :data:`MIN_CONTRIBUTORS` PES, even to a differencing attack.

Examples
--------
>>> import tempfile, pathlib
>>> from openpes.exchange import build_bundle, generate_key, load_private_key, receive, sign
>>> key = pathlib.Path(tempfile.mkdtemp()) / "exchange.key"
>>> public = generate_key(key)
>>> bundle = sign(build_bundle("pes-a", {"cases": []}), load_private_key(key))
>>> receive(bundle, members={"pes-a": public}).member
'pes-a'
"""

from openpes.exchange._benchmark import (
    MIN_CONTRIBUTORS,
    Benchmarks,
    Cell,
    Contribution,
    benchmarks,
    describes_small_group,
)
from openpes.exchange._bundle import (
    FORMAT_VERSION,
    MIN_GROUP,
    PARTS,
    THEMES,
    Bundle,
    BundleRefused,
    Part,
    Reason,
    Theme,
    build_bundle,
    bundle_digest,
    receive,
)
from openpes.exchange._canonical import canonical_json
from openpes.exchange._signing import (
    ALGORITHM,
    check_public_key,
    generate_key,
    load_private_key,
    new_private_key,
    public_key_text,
    sign,
    signature_valid,
)

__all__ = [
    "ALGORITHM",
    "FORMAT_VERSION",
    "MIN_CONTRIBUTORS",
    "MIN_GROUP",
    "PARTS",
    "THEMES",
    "Benchmarks",
    "Bundle",
    "BundleRefused",
    "Cell",
    "Contribution",
    "Part",
    "Reason",
    "Theme",
    "benchmarks",
    "build_bundle",
    "bundle_digest",
    "canonical_json",
    "check_public_key",
    "describes_small_group",
    "generate_key",
    "load_private_key",
    "new_private_key",
    "public_key_text",
    "receive",
    "sign",
    "signature_valid",
]
