"""``python -m app`` — the same as ``dvc-desk``."""

import sys

from app.application import main

sys.exit(main())
