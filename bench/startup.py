"""Cold-start time of `kindvoice --help`, beside a bare `python -c pass`.

Run it with the interpreter kindvoice is installed in, from the repository root:

    .venv/bin/python bench/startup.py [--runs N]

Each command is run once as a warm-up (discarded), then N times (default 15),
interleaved so that machine noise hits every command alike. It prints the median
and fastest run of each, how `kindvoice --help` compares with bare Python (ratio
and difference), and whether the target of 0.25 s (median) is met. It then
checks which heavy libraries `--help` imports (none should be).

This is a benchmark, not a test: it always exits 0 and only reports figures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGET_S = 0.25
DEFAULT_RUNS = 15
HEAVY_MODULES = (
    "sqlalchemy",
    "alembic",
    "fastapi",
    "starlette",
    "uvicorn",
    "onnxruntime",
    "numpy",
    "psycopg",
    "cryptography",
    "argon2",
    "keyring",
)
MODULES_PROBE = """
import contextlib, json, sys
from kindvoice.interfaces.cli.app import run
with contextlib.suppress(SystemExit):
    run(["--help"])
print(json.dumps(sorted(sys.modules)))
"""


def commands() -> dict[str, list[str]]:
    """What to time: bare Python, `python -m kindvoice --help`, and the console script."""
    found = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "python -m kindvoice --help": [sys.executable, "-m", "kindvoice", "--help"],
    }
    script = Path(sys.executable).with_name("kindvoice.exe" if os.name == "nt" else "kindvoice")
    if script.is_file():
        found["kindvoice --help"] = [str(script), "--help"]
    return found


def time_once(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def measure(cmds: dict[str, list[str]], runs: int) -> dict[str, list[float]]:
    for argv in cmds.values():
        time_once(argv)  # warm-up: fills the OS file cache, discarded
    samples: dict[str, list[float]] = {name: [] for name in cmds}
    for _ in range(runs):
        for name, argv in cmds.items():
            samples[name].append(time_once(argv))
    return samples


def heavy_imports() -> list[str]:
    """Top-level heavy packages present in sys.modules after `--help` ran in-process."""
    result = subprocess.run(
        [sys.executable, "-c", MODULES_PROBE],
        capture_output=True,
        text=True,
        check=True,
    )
    modules: list[str] = json.loads(result.stdout.strip().splitlines()[-1])
    return sorted({name.split(".", 1)[0] for name in modules} & set(HEAVY_MODULES))


def main() -> None:
    parser = argparse.ArgumentParser(description="Cold-start time of `kindvoice --help`.")
    parser.add_argument("--runs", type=int, default=DEFAULT_RUNS, help="measured runs each")
    runs = max(10, parser.parse_args().runs)

    cmds = commands()
    print(f"python {platform.python_version()} at {sys.executable}")
    print(f"{platform.platform()}, {os.cpu_count()} CPUs; 1 warm-up + {runs} runs each\n")
    samples = measure(cmds, runs)
    medians = {name: statistics.median(values) for name, values in samples.items()}
    width = max(len(name) for name in cmds)
    print(f"{'command':<{width}}  median    fastest   slowest")
    for name, values in samples.items():
        print(f"{name:<{width}}  {medians[name]:.3f} s  {min(values):.3f} s  {max(values):.3f} s")

    baseline = medians["python -c pass"]
    headline = "kindvoice --help" if "kindvoice --help" in medians else "python -m kindvoice --help"
    print()
    for name in cmds:
        if name == "python -c pass":
            continue
        ratio = medians[name] / baseline
        extra = medians[name] - baseline
        print(f"{name}: {ratio:.1f}x bare python, +{extra * 1000:.0f} ms")
    met = medians[headline] <= TARGET_S
    verdict = "met" if met else "NOT met"
    print(f"target: median `{headline}` <= {TARGET_S:.2f} s: {verdict} ({medians[headline]:.3f} s)")

    loaded = heavy_imports()
    print(f"\nheavy modules checked: {', '.join(HEAVY_MODULES)}")
    print(f"imported by --help: {', '.join(loaded) if loaded else 'none'}")


if __name__ == "__main__":
    main()
