"""The frozen app's entry point (PyInstaller runs this script): the same ``main`` as the
``ccdesktop`` command, so the bundle has every command plus ``--self-test``."""

import sys

from ccdesktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
