"""python -m transformatiecalc"""

import sys

from .cli import main

sys.exit(main())
