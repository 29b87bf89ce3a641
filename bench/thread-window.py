#!/usr/bin/env python3
"""CPU seconds (user + sys) each kind of thread of process PID used between two moments.

  bench/thread-window.py PID OUT     samples /proc/PID/task/*/stat every 200 ms until SIGTERM or the
                                   process ends, then writes OUT: one line per thread kind with the
                                   CPU seconds its threads used while sampled, busiest first.

A thread's kind is its name without its "#N" (all "C2 CompilerThre" threads together, all
"GC Thread#N" together, each packet thread "vigil-W#01-..." as "vigil-W-..."); threads that started
or ended while sampled count from their first to their last sample. SIGTERM ends the sampling: the
caller sends it when the interval it measures ends.
"""
import os
import re
import signal
import sys
import time

pid, out = sys.argv[1], sys.argv[2]
tick = os.sysconf("SC_CLK_TCK")
first, last, names = {}, {}, {}
stop = False


def on_term(*_):
    global stop
    stop = True


signal.signal(signal.SIGTERM, on_term)


def sample():
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except FileNotFoundError:
        return False
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                s = f.read()
        except (FileNotFoundError, ProcessLookupError):
            continue
        comm = s[s.index("(") + 1 : s.rindex(")")]
        fields = s[s.rindex(")") + 2 :].split()
        cpu = (int(fields[11]) + int(fields[12])) / tick
        # a thread first seen after the first sample started within the interval: it counts from 0
        first.setdefault(tid, cpu if not started else 0.0)
        last[tid] = cpu
        names[tid] = comm
    return True


started = False
sample()
started = True
while not stop and sample():
    time.sleep(0.2)
sample()
kinds = {}
for tid, cpu in last.items():
    kind = re.sub(r"#[0-9]+", "", names[tid]).strip() or names[tid]
    kinds[kind] = kinds.get(kind, 0.0) + cpu - first[tid]
with open(out, "w") as f:
    for kind, cpu in sorted(kinds.items(), key=lambda kv: -kv[1]):
        if cpu > 0:
            f.write(f"{cpu:8.2f} {kind}\n")
