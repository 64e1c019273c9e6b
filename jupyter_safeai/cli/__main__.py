"""`python -m jupyter_safeai.cli` is `jupyter safeai`."""

from . import main

raise SystemExit(main())
