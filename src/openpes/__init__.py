"""OpenPES: practical, fair and human-centred AI for Public Employment Services."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("openpes")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

__all__ = ["__version__"]
