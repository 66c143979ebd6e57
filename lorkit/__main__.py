import sys

from lorkit.cli import main

sys.exit(main())
