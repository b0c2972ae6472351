"""Domain test setup.

Hypothesis keeps its cache and example database outside the repository: a
``.hypothesis`` folder in the project root would trip pytest's collection (the
project's ``norecursedirs`` replaces pytest's default ignores, and the hypothesis
plugin then warns, which the strict warning filter turns into an error).
"""

from __future__ import annotations

import getpass
import tempfile
from pathlib import Path

from hypothesis.configuration import set_hypothesis_home_dir

set_hypothesis_home_dir(Path(tempfile.gettempdir()) / f"ccdesktop-hypothesis-{getpass.getuser()}")
