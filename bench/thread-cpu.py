#!/usr/bin/env python3
"""Runs a command and samples the CPU time of each thread of its JVM every 200 ms.

  bench/thread-cpu.py [--every SECONDS] [--json OUT.json] -- bin/vigil run ...

Reads /proc/PID/task/*/stat of the process with the most threads among the command and its
descendants (the JVM bin/vigil starts) and prints, when the command ends, each thread's CPU time
(user + system) with the compiler threads (C1, C2) and GC threads summed, then for the packet threads (main, the reader of
a multi-threaded run mode, and vigil-*) their busy share of the sampled intervals: the mean, and
how often one worker ran flat out (>= 90 % of an interval) while another stood below 50 % -- the
time a two-core run loses to workers waiting on each other. A thread's CPU after the last sample
is not counted (at most one interval). Wall-clock shares mean little on a loaded machine: there a
thread waits for a core, not for work. Needs only Python 3 and Linux.
"""
import argparse
import json
import os
import subprocess
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")


def jvm(pid):
    """Of pid and its descendants, the process with the most threads (the JVM under the launcher)."""
    best, most, todo = pid, -1, [pid]
    while todo:
        p = todo.pop()
        try:
            n = len(os.listdir(f"/proc/{p}/task"))
            kids = open(f"/proc/{p}/task/{p}/children").read().split()
        except OSError:
            continue
        if n > most:
            best, most = p, n
        todo.extend(int(k) for k in kids)
    return best


def group(comm):
    """Threads summed under one name: the JIT's and the GC's."""
    for prefix, name in (("C2 Compiler", "C2"), ("C1 Compiler", "C1"), ("GC Thread", "GC")):
        if comm.startswith(prefix):
            return name
    return comm


def sample(pid):
    """{tid: (name, cpu seconds)} of every thread of pid now."""
    out = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tids:
        try:
            s = open(f"/proc/{pid}/task/{tid}/stat").read()
        except OSError:
            continue
        comm = s[s.index("(") + 1 : s.rindex(")")]
        f = s[s.rindex(")") + 2 :].split()
        out[tid] = (group(comm), (int(f[11]) + int(f[12])) / TICK)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--every", type=float, default=0.2)
    ap.add_argument("--json")
    ap.add_argument("command", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.command[1:] if a.command[:1] == ["--"] else a.command
    if not cmd:
        ap.error("no command")
    proc = subprocess.Popen(cmd)
    start = time.time()
    last = {}
    series = []  # (seconds, {tid: (name, cpu)})
    while proc.poll() is None:
        snap = sample(jvm(proc.pid))
        if snap:
            last.update(snap)
            series.append((time.time() - start, snap))
        time.sleep(a.every)
    wall = time.time() - start
    totals = {}
    for name, cpu in last.values():
        totals[name] = totals.get(name, 0.0) + cpu
    print(f"wall {wall:.1f} s, threads' CPU {sum(totals.values()):.1f} s, exit {proc.returncode}")
    for name, cpu in sorted(totals.items(), key=lambda kv: -kv[1]):
        if cpu >= 0.05:
            print(f"  {name:20s} {cpu:8.2f} s")
    packet = [n for n in totals if n == "main" or n == "java" or n.startswith("vigil-")]
    packet = [n for n in packet if not n.startswith("vigil-flush")]
    busy = {n: [] for n in packet}
    for (t0, a0), (t1, a1) in zip(series, series[1:]):
        dt = t1 - t0
        step = {n: 0.0 for n in packet}
        # per thread id, so a thread that starts or ends between two samples moves no other's share
        for tid, (name, cpu) in a1.items():
            if name in step and tid in a0:
                step[name] += cpu - a0[tid][1]
        for n in packet:
            busy[n].append(step[n] / dt if dt > 0 else 0.0)
    workers = [n for n in packet if n.startswith("vigil-W")]
    if busy and series[1:]:
        print("busy share of the sampled intervals (mean):")
        for n in packet:
            b = busy[n]
            print(f"  {n:20s} {sum(b) / max(1, len(b)):6.1%}")
        if len(workers) >= 2:
            n = len(busy[workers[0]])
            lop = sum(
                1
                for i in range(n)
                if max(busy[w][i] for w in workers) >= 0.9 and min(busy[w][i] for w in workers) < 0.5
            )
            print(f"  one worker >= 90 % while another < 50 %: {lop}/{n} intervals")
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"wall": wall, "totals": totals, "series": series}, f)
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
