"""How long `govreport check` takes on an example, from a fresh process (target: < 0.3 s wall).

    python benchmarks/check_speed.py [--repeat 20]

Exit status 1 when the median misses the target.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _measure import govreport_argv, time_command

TARGET_SECONDS = 0.3
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "yunling-2024.yaml"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    time_command(govreport_argv("check", str(EXAMPLE)), 2)  # warm the OS file cache
    t = time_command(govreport_argv("check", str(EXAMPLE)), args.repeat)
    print(f"govreport check {EXAMPLE.name}: median {t.median:.3f} s, best {t.best:.3f} s, "
          f"peak RSS {t.peak_rss_mb:.0f} MB over {args.repeat} fresh processes "
          f"(target < {TARGET_SECONDS} s)")
    return 0 if t.median < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
