"""analyze_many with 1 and 2 threads, three rounds: wall, process CPU and calling-thread
CPU seconds (the calling thread builds the Python records; the workers analyse).

usage: threads.py SAUDINEWSNET.jsonl.gz [N]      (the first N=2,000 non-empty articles)
"""

import sys
import time

import khabar
from bench import load


def main():
    texts = load(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 2000)
    a = khabar.Analyzer()
    a.analyze_many(texts[:20], threads=2)

    def run(threads):
        t0, c0, m0 = time.perf_counter(), time.process_time(), time.thread_time()
        a.analyze_many(texts, threads=threads)
        return time.perf_counter() - t0, time.process_time() - c0, time.thread_time() - m0

    for _ in range(3):
        (w1, c1, _), (w2, c2, m2) = run(1), run(2)
        print(f"threads=1: {w1:.2f} s wall, {c1:.2f} s CPU | threads=2: {w2:.2f} s wall, "
              f"{c2:.2f} s CPU ({m2:.2f} s on the calling thread) | speed-up {w1 / w2:.2f}×")


if __name__ == "__main__":
    main()
