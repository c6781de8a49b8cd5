"""gwr-analysis: extract, verify and analyse the figures of Chinese government work reports."""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("gwr-analysis")
except PackageNotFoundError:  # running from a source tree that was not pip-installed
    __version__ = "0.0.0+unknown"
