"""analyze_many with 1 and 2 threads, in interleaved rounds: wall, process CPU and
calling-thread CPU seconds (the calling thread reads the items, builds the Python records
and analyses when the next record is not ready; with threads=2 one worker thread analyses),
then the best and the median of each, the speed-up best/best and median/median, and a
CPU-time projection of the speed-up on two idle cores. Run by scripts/bench_threads.sh.

usage: threads.py SAUDINEWSNET.jsonl.gz [N] [ROUNDS]   (first N=2,000 non-empty articles,
                                                        ROUNDS=7)
"""

import os
import statistics
import sys
import time

import khabar
from khabar._khabar import _caller_analysis
from bench import load


def main():
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 7
    texts = load(sys.argv[1], n)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    a = khabar.Analyzer()
    a.analyze_many(texts[:50], threads=2)
    a.analyze_many(texts[:50], threads=1)

    def run(threads):
        t0, c0, m0 = time.perf_counter(), time.process_time(), time.thread_time()
        a.analyze_many(texts, threads=threads)
        w, c, m = time.perf_counter() - t0, time.process_time() - c0, time.thread_time() - m0
        return w, c, m, _caller_analysis()[1] if threads > 1 else m

    print(f"{len(texts)} articles, {mb:.2f} MB of text; {os.cpu_count()} CPUs; "
          f"load average {os.getloadavg()[0]:.2f} at the start")
    runs = {1: [], 2: []}
    for r in range(rounds):
        order = (1, 2) if r % 2 == 0 else (2, 1)
        for th in order:
            runs[th].append(run(th))
        (w1, c1, _, _), (w2, c2, m2, _) = runs[1][-1], runs[2][-1]
        print(f"round {r + 1}: threads=1 {w1:.3f} s wall, {c1:.3f} s CPU | threads=2 {w2:.3f} s "
              f"wall, {c2:.3f} s CPU, {m2:.3f} s on the calling thread | {w1 / w2:.2f}×")
    print(f"load average {os.getloadavg()[0]:.2f} at the end")
    for th in (1, 2):
        w = [x[0] for x in runs[th]]
        c = [x[1] for x in runs[th]]
        m = [x[2] for x in runs[th]]
        print(f"threads={th}: wall best {min(w):.3f} s, median {statistics.median(w):.3f} s "
              f"({mb / min(w):.1f} MB/s of text at best); CPU median {statistics.median(c):.3f} s; "
              f"calling thread median {statistics.median(m):.3f} s")
    w1 = [x[0] for x in runs[1]]
    w2 = [x[0] for x in runs[2]]
    # The two-thread breakdown: the calling thread reads the items and builds the Python
    # records (it holds the GIL: only it can; the serial part), and analyses items itself
    # whenever the next record is not ready; the worker thread only analyses. On two idle
    # cores the run takes at least half the two threads' CPU, and at least the serial part.
    cpu1 = statistics.median(x[1] for x in runs[1])
    cpu2 = statistics.median(x[1] for x in runs[2])
    caller = statistics.median(x[2] for x in runs[2])
    own = statistics.median(x[3] for x in runs[2])
    serial = statistics.median(x[2] - x[3] for x in runs[2])
    worker = max(cpu2 - caller, 0.0)
    bound = cpu1 / max(serial, cpu2 / 2, 1e-9)
    print(f"one thread's CPU {cpu1:.3f} s; two threads' CPU {cpu2:.3f} s "
          f"({100 * (cpu2 / cpu1 - 1):+.0f}%) = calling thread {caller:.3f} s "
          f"[{serial:.3f} s reading items and building Python objects (serial, "
          f"{100 * serial / cpu2:.0f}%) + {own:.3f} s analysing] + worker {worker:.3f} s "
          f"(analysis): on 2 idle cores 2 threads can be at most {bound:.2f}× faster "
          f"(CPU-time projection)")
    print(f"speed-up of 2 threads over 1: best/best {min(w1) / min(w2):.2f}×, "
          f"median/median {statistics.median(w1) / statistics.median(w2):.2f}× "
          f"(goal: ≥ 1.6×)")


if __name__ == "__main__":
    main()
