"""Entry script of the PyInstaller bundle: the same ``peerdesk`` command as an installed package."""

import sys

from peerdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
