"""Shared fixtures: the CLI binary the results are compared with, and its JSONL output.

The CLI is `target/release/kashif` of this repository unless KASHIF_CLI names another; build it
with `cargo build --release` (`./kashif test` does, before running these tests).
"""

import json
import os
import subprocess
from pathlib import Path

import pytest

from corpus import ROOT


def cli_path():
    return Path(os.environ.get("KASHIF_CLI", ROOT / "target" / "release" / "kashif"))


@pytest.fixture(scope="session")
def cli():
    path = cli_path()
    if not path.exists():
        pytest.fail(f"{path} is missing: run `cargo build --release` first (or set KASHIF_CLI)")
    return str(path)


def cli_lines(cli, texts, options=None, jobs=2):
    """The CLI's `--lines --format jsonl` results for `texts` (no line breaks inside), parsed."""
    args = [cli, "analyze", "--lines", "--format", "jsonl", "--jobs", str(jobs)]
    if options is not None:
        args += ["--options", json.dumps(options)]
    data = "".join(t + "\n" for t in texts).encode("utf-8")
    out = subprocess.run(args, input=data, capture_output=True, check=True).stdout.decode("utf-8")
    return [json.loads(line) for line in out.splitlines()]


def cli_error(cli, options_json):
    """The CLI's message for bad `--options`, less its `kashif: --options: ` prefix."""
    r = subprocess.run([cli, "analyze", "--format", "jsonl", "--options", options_json], input=b"", capture_output=True)
    assert r.returncode == 2, r
    message = r.stderr.decode("utf-8").strip()
    prefix = "kashif: --options: "
    assert message.startswith(prefix), message
    return message[len(prefix):]
