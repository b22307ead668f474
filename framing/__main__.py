"""python -m framing"""

from framing.cli import main

main()
