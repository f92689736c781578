"""Test-suite speed of two commits, measured in turns on a shared machine.

Each commit gets its own detached git worktree in a temp folder (with the project's .venv
linked in), and the runs alternate base, new, base, new, ... so that whatever else the
machine is doing falls on both sides alike. Every run prints the CPU seconds of the suite
(user + sys of pytest and its xdist workers, from the RUSAGE_CHILDREN delta) and its wall
time, with the load average at its start and end. CPU seconds are the steadier figure on a
busy machine: wall time also counts the time spent waiting for another user's processes.

    .venv/bin/python bench/suite_speed.py --base 0025fd2 --new HEAD --rounds 2
    .venv/bin/python bench/suite_speed.py --stages sqlite --pytest-args tests/portal/test_smoke.py

Stages: "sqlite" runs `pytest -n auto -m "not e2e"` with no DATABASE_URL; "postgresql" runs
the same with --create-db against the PostgreSQL on 127.0.0.1:5432 (user postgres), under a
database name of its own for each worktree, so two runs never share a database. pytest-django
drops its test databases at the end. A full suite run takes about six minutes per stage and
commit here: `--rounds 2` with both stages is about 50 minutes.

The medians go to a table at the end and, with every run, to bench/results/suite_speed-<date>.json.
Exits non-zero, with the tail of pytest's output, as soon as a run's tests fail.
"""

import argparse
import json
import os
import platform
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
STAGES = ("sqlite", "postgresql")
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PYTEST = ["-m", "pytest", "-n", "auto", "-m", "not e2e", "-q", "-p", "no:cacheprovider"]
# Variables that would change what the suite runs against: the stage sets its own.
DROPPED_ENV = ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "PYTEST_ADDOPTS")


def git(*args: str, cwd: Path = ROOT) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return result.stdout.strip()


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="0025fd2", help="commit before the change (0025fd2)")
    parser.add_argument("--new", default="HEAD", help="commit after the change (HEAD)")
    parser.add_argument("--rounds", type=int, default=1, help="runs of each commit per stage")
    parser.add_argument(
        "--stages", default=",".join(STAGES), help="comma-separated: sqlite,postgresql"
    )
    parser.add_argument(
        "--pytest-args",
        default="",
        help="extra pytest arguments, e.g. a test file to keep a smoke run short "
        "(use --pytest-args='-k smoke' when they start with a dash)",
    )
    args = parser.parse_args()
    args.stages = [s.strip() for s in args.stages.split(",") if s.strip()]
    unknown = sorted(set(args.stages) - set(STAGES))
    if unknown or not args.stages:
        parser.error(f"unknown stage(s) {', '.join(unknown) or '(none)'}; choose from {STAGES}")
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    return args


def children_cpu() -> tuple[float, float]:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime, usage.ru_stime


def run_suite(*, checkout: dict, stage: str, extra: list[str], log: Path) -> dict:
    """One pytest run in a worktree; CPU and wall time, load average before and after."""
    env = {k: v for k, v in os.environ.items() if k not in DROPPED_ENV}
    command = [str(checkout["path"] / ".venv" / "bin" / "python"), *PYTEST]
    if stage == "postgresql":
        env["DATABASE_URL"] = f"{PG_SERVER}/{checkout['db_name']}"
        command.append("--create-db")
    command += extra
    load_start = os.getloadavg()
    user0, sys0 = children_cpu()
    wall0 = time.monotonic()
    with log.open("w") as out:
        returncode = subprocess.call(
            command, cwd=checkout["path"], env=env, stdout=out, stderr=subprocess.STDOUT
        )
    wall = time.monotonic() - wall0
    user1, sys1 = children_cpu()
    lines = log.read_text(errors="replace").splitlines()
    return {
        "stage": stage,
        "label": checkout["label"],
        "commit": checkout["sha"],
        "cpu_s": round(user1 - user0 + sys1 - sys0, 2),
        "user_s": round(user1 - user0, 2),
        "sys_s": round(sys1 - sys0, 2),
        "wall_s": round(wall, 2),
        "load_start": [round(x, 2) for x in load_start],
        "load_end": [round(x, 2) for x in os.getloadavg()],
        "returncode": returncode,
        "pytest_summary": next((line for line in reversed(lines) if line.strip()), ""),
        "output_tail": lines[-40:],
    }


def add_worktree(*, label: str, rev: str, tmp: Path, checkouts: list[dict]) -> None:
    """A detached worktree of `rev`, appended to `checkouts` as soon as it exists (so that
    it is removed at the end even if what follows fails)."""
    sha = git("rev-parse", "--verify", f"{rev}^{{commit}}")
    path = tmp / label
    git("worktree", "add", "--detach", str(path), sha)
    checkouts.append(
        {
            "label": label,
            "rev": rev,
            "sha": sha,
            "subject": git("log", "-1", "--format=%s", sha)[:100],
            "path": path,
            "db_name": f"suite_speed_{os.getpid()}_{label}",
        }
    )
    (path / ".venv").symlink_to((ROOT / ".venv").resolve(), target_is_directory=True)
    # Byte-compile first, so that neither side's first run pays for it.
    subprocess.run(
        [str(path / ".venv" / "bin" / "python"), "-m", "compileall", "-q", "-x", r"\.venv", "."],
        cwd=path,
        check=True,
    )


def drop_leftover_databases(checkouts: list[dict]) -> None:
    """pytest-django drops its test databases itself; this only clears up after an
    interrupted run, and touches no database but those named after these worktrees."""
    if not checkouts or not shutil.which("psql"):
        return
    server = f"{PG_SERVER}/postgres"
    listed = subprocess.run(
        ["psql", server, "-Atc", "SELECT datname FROM pg_database"],
        capture_output=True,
        text=True,
        check=False,
    )
    ours = {f"test_{c['db_name']}" for c in checkouts}
    for name in listed.stdout.split():
        if name in ours or name.rsplit("_gw", 1)[0] in ours:
            print(f"dropping leftover test database {name}")
            subprocess.run(
                ["psql", server, "-qc", f'DROP DATABASE IF EXISTS "{name}"'],
                capture_output=True,
                check=False,
            )


def print_run(number: int, total: int, run: dict) -> None:
    load = f"load {run['load_start'][0]:.2f} -> {run['load_end'][0]:.2f}"
    print(
        f"[{number:>2}/{total}] {run['stage']:<10} {run['label']:<4} {run['commit'][:7]}  "
        f"cpu {run['cpu_s']:>7.1f} s  wall {run['wall_s']:>6.1f} s  {load}  "
        f"| {run['pytest_summary']}",
        flush=True,
    )


def summarise(runs: list[dict], stages: list[str]) -> dict:
    table = {}
    for stage in stages:
        row = {}
        for label in ("base", "new"):
            mine = [r for r in runs if r["stage"] == stage and r["label"] == label]
            row[label] = {
                "cpu_s": round(statistics.median(r["cpu_s"] for r in mine), 2),
                "wall_s": round(statistics.median(r["wall_s"] for r in mine), 2),
                "runs": len(mine),
            }
        for measure in ("cpu_s", "wall_s"):
            row[f"ratio_{measure}"] = round(row["new"][measure] / row["base"][measure], 3)
        table[stage] = row
    return table


def print_table(table: dict) -> None:
    print("\nmedians      base cpu  new cpu  new/base   base wall  new wall  new/base")
    for stage, row in table.items():
        base, new = row["base"], row["new"]
        print(
            f"{stage:<10}  {base['cpu_s']:>8.1f}  {new['cpu_s']:>7.1f}  {row['ratio_cpu_s']:>8.2f}"
            f"   {base['wall_s']:>9.1f}  {new['wall_s']:>8.1f}  {row['ratio_wall_s']:>8.2f}"
        )
    print("(seconds; a ratio of 0.50 or less means the new commit's suite is twice as fast)")


def results_file() -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem = f"suite_speed-{date.today().isoformat()}"
    path, n = RESULTS / f"{stem}.json", 2
    while path.exists():
        path, n = RESULTS / f"{stem}-{n}.json", n + 1
    return path


def main() -> int:
    args = parse_args()
    extra = shlex.split(args.pytest_args)
    if not (ROOT / ".venv" / "bin" / "python").exists():
        sys.exit(f"no .venv in {ROOT}: run `make venv` first")
    tmp = Path(tempfile.mkdtemp(prefix="suite-speed-"))
    checkouts: list[dict] = []
    runs: list[dict] = []
    try:
        for label, rev in (("base", args.base), ("new", args.new)):
            add_worktree(label=label, rev=rev, tmp=tmp, checkouts=checkouts)
        for c in checkouts:
            print(f"{c['label']:<4} {c['sha'][:7]} ({c['rev']}) {c['subject']}")
        print(
            f"{os.cpu_count()} CPUs; stages {', '.join(args.stages)}; {args.rounds} round(s); "
            f"pytest {shlex.join(PYTEST[2:] + extra)}\n",
            flush=True,
        )
        total = args.rounds * len(args.stages) * len(checkouts)
        for round_no in range(1, args.rounds + 1):
            for stage in args.stages:
                for checkout in checkouts:
                    log = tmp / f"{checkout['label']}-{stage}-{round_no}.log"
                    run = run_suite(checkout=checkout, stage=stage, extra=extra, log=log)
                    run["round"] = round_no
                    runs.append(run)
                    print_run(len(runs), total, run)
                    if run["returncode"] != 0:
                        print(f"\ntests failed (exit {run['returncode']}); end of the output:")
                        print("\n".join(run["output_tail"]))
                        return 1
        table = summarise(runs, args.stages)
        print_table(table)
        path = results_file()
        report = {
            "date": date.today().isoformat(),
            "machine": {
                "cpus": os.cpu_count(),
                "platform": platform.platform(),
                "python": platform.python_version(),
            },
            "commits": {
                c["label"]: {k: c[k] for k in ("rev", "sha", "subject")} for c in checkouts
            },
            "pytest": PYTEST[2:] + extra,
            "rounds": args.rounds,
            "medians": table,
            "runs": [{k: v for k, v in r.items() if k != "output_tail"} for r in runs],
        }
        path.write_text(json.dumps(report, indent=2) + "\n")
        print(f"\nwritten to {path.relative_to(ROOT)}")
        return 0
    except subprocess.CalledProcessError as error:
        print(f"failed: {shlex.join(map(str, error.cmd))}\n{error.stderr or ''}", file=sys.stderr)
        return 2
    finally:
        if "postgresql" in args.stages:
            drop_leftover_databases(checkouts)
        for checkout in checkouts:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(checkout["path"])],
                cwd=ROOT,
                check=False,
            )
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
