"""Allow ``python -m kaplint``."""

from kaplint.cli import main

if __name__ == "__main__":
    main()
