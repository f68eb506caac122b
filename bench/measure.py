#!/usr/bin/env python3
"""Runs a command as a whole process and records its wall time and peak memory.

    measure.py --name NAME --results FILE [--repeat N] [--bytes PATH] [--stdout PATH] -- CMD...

CPU time (user + system, all threads) is recorded too, and the CPU time the rest of the machine
used during each run (busy time from /proc/stat minus the command's own): when other work
shares the cores, wall times grow and that figure shows it. (The load average cannot tell:
the previous measured run raises it.)
The command runs under `/usr/bin/time -v`, which gives its peak resident memory ("Maximum
resident set size", every thread) and CPU time; wall time is measured around it with
time.perf_counter, so milliseconds are exact enough for start-up latency (time's own fork and
exec, about a millisecond, is included for every tool alike). Without /usr/bin/time, wait4()'s
ru_maxrss is used, which cannot go below this Python's own size (~15 MiB). Each run appends nothing to the
terminal; one JSON object per NAME is appended to FILE with every run's wall time, the median,
the minimum and the largest peak RSS. A failing run stops with the command's standard error.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


TIME = "/usr/bin/time"


def run_once(cmd, stdout_path):
    """Runs cmd once; returns (wall seconds, peak RSS KiB, CPU seconds)."""
    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
    err = tempfile.TemporaryFile()
    report = tempfile.NamedTemporaryFile(prefix="measure-", suffix=".txt", delete=False)
    report.close()
    # GNU time -v measures the command itself: a child spawned straight from Python would
    # report Python's own resident set (~15 MiB, inherited through vfork) as its floor.
    use_time = os.access(TIME, os.X_OK)
    full = [TIME, "-v", "-o", report.name] + cmd if use_time else cmd
    try:
        start = time.perf_counter()
        proc = subprocess.Popen(full, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            tail = err.read().decode("utf-8", "replace")[-4000:]
            sys.exit("measure: %s failed with exit code %d:\n%s"
                     % (" ".join(cmd), proc.returncode, tail))
        if not use_time:
            return wall, usage.ru_maxrss, usage.ru_utime + usage.ru_stime
        fields = {}
        with open(report.name, encoding="utf-8", errors="replace") as f:
            for line in f:
                key, _, value = line.strip().rpartition(": ")
                fields[key] = value
        return (wall, int(fields["Maximum resident set size (kbytes)"]),
                float(fields["User time (seconds)"]) + float(fields["System time (seconds)"]))
    finally:
        if stdout_path:
            out.close()
        err.close()
        os.unlink(report.name)


def busy_seconds():
    """CPU seconds the whole machine has been busy (all cores), or None off Linux."""
    try:
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
        idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
        return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--name", required=True)
    ap.add_argument("--results", required=True)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--bytes", help="input file whose size is the MB/s numerator")
    ap.add_argument("--stdout", help="file for the command's standard output (default: discarded)")
    ap.add_argument("--meta", action="append", default=[], metavar="KEY=VALUE",
                    help="extra field stored with the result (repeatable)")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    cmd = args.cmd[1:] if args.cmd[:1] == ["--"] else args.cmd
    if not cmd:
        ap.error("no command given")
    walls, rss, cpus, others = [], [], [], []
    for _ in range(max(1, args.repeat)):
        before = busy_seconds()
        w, m, c = run_once(cmd, args.stdout)
        after = busy_seconds()
        walls.append(w)
        rss.append(m)
        cpus.append(c)
        if before is not None and after is not None:
            others.append(max(0.0, after - before - c))
    rec = {
        "name": args.name,
        "cmd": cmd,
        "walls": [round(w, 4) for w in walls],
        "wall": statistics.median(walls),
        "wall_min": min(walls),
        "peak_kb": max(rss),
        "cpus": [round(c, 4) for c in cpus],
        "cpu": statistics.median(cpus),
        "other_cpu": [round(o, 3) for o in others],
        "bytes": os.path.getsize(args.bytes) if args.bytes else None,
    }
    for kv in args.meta:
        key, _, value = kv.partition("=")
        rec[key] = int(value) if value.isdigit() else value
    with open(args.results, "a", encoding="utf-8") as f:
        f.write(json.dumps(rec) + "\n")
    extra = ""
    if rec["bytes"]:
        extra = ", %.1f MB/s" % (rec["bytes"] / 1e6 / rec["wall"])
    other = ", other work %.2f CPU s" % sum(others) if others else ""
    print("  %-14s median %8.3f s (runs: %s), cpu %.3f s, peak %7.1f MiB%s%s"
          % (args.name, rec["wall"], " ".join("%.3f" % w for w in walls), rec["cpu"],
             rec["peak_kb"] / 1024, extra, other), file=sys.stderr)


if __name__ == "__main__":
    main()
