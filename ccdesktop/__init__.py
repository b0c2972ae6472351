"""ccdesktop: clock-hour training records for Missouri licensed child care centers."""

APP_NAME = "ccdesktop"

#: the version of a source tree that was never installed (no package metadata)
SOURCE_VERSION = "0.0.0+source"


def __getattr__(name: str) -> str:
    """``ccdesktop.__version__``, read from the installed package's metadata (so from
    pyproject.toml, the one place it is written) the first time it is asked for.

    Not at import: ``importlib.metadata`` takes tens of milliseconds to import, which
    every start of the window would pay for a number shown only in Help > About,
    ``--version``, the PDF and the self-test.
    """
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        value = version("ccdesktop")
    except PackageNotFoundError:  # running from a source tree that was never installed
        value = SOURCE_VERSION
    globals()["__version__"] = value  # asked once; later reads are plain lookups
    return value
