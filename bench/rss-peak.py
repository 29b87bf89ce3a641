#!/usr/bin/env python3
"""Samples the RssAnon and RssFile of a process tree until its root ends; prints the largest pair.

  bench/rss-peak.py PID [SECONDS]

Every SECONDS (default 0.05) reads /proc/P/status of PID and of every process below it (found
through /proc/P/task/P/children) and keeps the RssAnon and RssFile (KB) of the sample whose sum is
the largest; prints "anon file" when PID is gone. One process that only reads /proc: a sampler that
forks a reader per sample (awk, pgrep) takes a visible share of a two-core machine from the run it
measures.
"""
import os
import sys
import time


def tree(root):
    """root and its descendants, by the children lists of their main threads (the launchers fork
    from their main thread; the engines start no process worth measuring)."""
    out, todo = [], [root]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            with open(f"/proc/{p}/task/{p}/children") as f:
                todo.extend(int(k) for k in f.read().split())
        except OSError:
            continue
    return out


def rss(pid):
    """(RssAnon, RssFile) in KB of pid, (0, 0) once it is gone."""
    a = f = 0
    try:
        with open(f"/proc/{pid}/status") as s:
            for line in s:
                if line.startswith("RssAnon:"):
                    a = int(line.split()[1])
                elif line.startswith("RssFile:"):
                    f = int(line.split()[1])
    except OSError:
        pass
    return a, f


def main():
    root = int(sys.argv[1])
    every = float(sys.argv[2]) if len(sys.argv) > 2 else 0.05
    best = (0, 0)
    while os.path.exists(f"/proc/{root}"):
        for p in tree(root):
            a, f = rss(p)
            if a + f > sum(best):
                best = (a, f)
        time.sleep(every)
    print(best[0], best[1])


if __name__ == "__main__":
    main()
