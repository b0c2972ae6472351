"""Schema versions as major.minor, and how a file's header records one.

A migration step is *breaking* (it raises the major and sets the minor to 0: a
table rebuilt, a column dropped or given another meaning) or *additive* (it raises
the minor: new tables, new columns with a default, new indexes or triggers, and
nothing a previous release reads changed). A release opens every file of its own
major: an older minor is upgraded, a newer minor (written by a later release of the
same major, on a PC sharing the drive) is opened read-only, since this release
cannot keep what it does not know about the records consistent. A newer major is
refused before SQLite opens the file.

``PRAGMA user_version`` holds the version: ``major`` when the minor is 0 (so the
versions 1 to 4 that files held before minors existed are read as 1.0 to 4.0, and a
file that took only breaking steps reads as it always did), else ``major * 1000 +
minor`` (4.1 is 4001). Every value a later version writes is above 4, so a release
from before minors existed, which refuses a user_version above the one it knows,
refuses those files as cleanly as ever.
"""

from __future__ import annotations

from typing import NamedTuple

#: majors and minors stay below this, so that ``major * 1000 + minor`` decodes
_LIMIT = 1000


class SchemaVersion(NamedTuple):
    """``major.minor``; 0.0 is a file with no schema yet. Versions compare as the
    pairs they are: 4.1 < 4.2 < 5.0."""

    major: int
    minor: int = 0

    @classmethod
    def from_user_version(cls, value: int) -> SchemaVersion:
        """The version a file's ``PRAGMA user_version`` records; ``ValueError`` for a
        value no version is written as."""
        major, minor = (value, 0) if 0 <= value < _LIMIT else divmod(value, _LIMIT)
        if not (0 <= major < _LIMIT and minor < _LIMIT):
            raise ValueError(f"user_version {value} is not a schema version")
        return cls(major, minor)

    @property
    def user_version(self) -> int:
        """What ``PRAGMA user_version`` holds for this version."""
        if not (0 <= self.major < _LIMIT and 0 <= self.minor < _LIMIT):
            raise ValueError(f"schema version {self} is out of range")
        return self.major if self.minor == 0 else self.major * _LIMIT + self.minor

    def reads_as_newer_minor_of(self, known: SchemaVersion) -> bool:
        """A later additive version of ``known``'s major: readable, not writable."""
        return self.major == known.major and self.minor > known.minor

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}"
