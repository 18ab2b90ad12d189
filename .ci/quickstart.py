"""Print the commands of the README's Quick start block, one per line (used by .ci/run)."""

import re
import sys

text = open(sys.argv[1], encoding="utf-8").read()
match = re.search(r"(?ims)^#+\s*quick start.*?```(?:sh|bash|shell|console)?\n(.*?)```", text)
if not match:
    sys.exit("README.md has no Quick start section with a fenced sh block")
for line in match.group(1).splitlines():
    if line.strip() and not line.strip().startswith("#"):
        print(line.strip())
