#!/usr/bin/env python3
"""Label every frame of an extxyz file with the GPAW teacher, in order, resumably.

    python3 label_frames.py CHOSEN.extxyz LABELLED.extxyz --cache DIR [--limit N]

Each frame is labelled by gpaw_teacher.label() (the shipped settings); finished calls are stored in the cache
and never repeated, and LABELLED.extxyz is rewritten atomically after every call with all frames labelled so
far (so a killed run leaves a valid file). Progress on stderr.
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gpaw_teacher  # noqa: E402
from ase.io import read  # noqa: E402


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("input")
    p.add_argument("output")
    p.add_argument("--cache", required=True)
    p.add_argument("--limit", type=int, default=0, help="label at most this many frames (0: all)")
    args = p.parse_args(argv)
    os.makedirs(args.cache, exist_ok=True)
    frames = read(args.input, index=":", format="extxyz")
    if args.limit > 0:
        frames = frames[:args.limit]
    done = []
    for i, atoms in enumerate(frames):
        t0 = time.time()
        out, key, hit = gpaw_teacher.label(atoms, args.cache, False, sys.stderr)
        done.append(out)
        tmp = args.output + ".partial"
        from ase.io import write
        write(tmp, done, format="extxyz")
        os.replace(tmp, args.output)
        print("label_frames.py: %d/%d %s %d atoms %.0f s%s" % (i + 1, len(frames), key, len(atoms),
              time.time() - t0, " (cached)" if hit else ""), file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
