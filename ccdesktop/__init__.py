"""ccdesktop: clock-hour training records for Missouri licensed child care centers."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("ccdesktop")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"

APP_NAME = "ccdesktop"
