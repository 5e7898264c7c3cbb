#!/usr/bin/env python3
"""Package the GPAW calls of a HelixFF DFT campaign as a HelixFF data set (extxyz + raw record).

    python3 package_dataset.py OUTDIR --cache DIR [--flat LABELLED.extxyz] [--learn N,M ...]

Writes OUTDIR/flat_limit.extxyz (the labelled flat-limit frames, in the order `helixff select` chose them),
OUTDIR/learn_N_M.extxyz (the full cells `helixff learn N M --teacher gpaw` sent to GPAW, in call order, with
n and m added to their info) and OUTDIR/raw/<key>.{json,gpaw.txt} (provenance and GPAW's log of every call).
Frames carry code, versions, settings and wall time in their info (gpaw_teacher.py writes them).
"""
import argparse
import glob
import os
import shutil
import sys

from ase.io import read, write


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("outdir")
    p.add_argument("--cache", required=True)
    p.add_argument("--flat")
    p.add_argument("--learn", action="append", default=[], help="N,M of a learn run whose calls are in the cache")
    args = p.parse_args(argv)
    os.makedirs(os.path.join(args.outdir, "raw"), exist_ok=True)
    used = []
    if args.flat and os.path.exists(args.flat):
        flat = read(args.flat, index=":", format="extxyz")
        write(os.path.join(args.outdir, "flat_limit.extxyz"), flat, format="extxyz")
        used += [a.info["cache_key"] for a in flat]
        print("flat_limit.extxyz: %d frames" % len(flat), file=sys.stderr)
    learn = []
    for path in sorted(glob.glob(os.path.join(args.cache, "*.out.extxyz")), key=os.path.getmtime):
        a = read(path, index=-1, format="extxyz")
        if "helixff_motifs" in a.info:
            learn.append(a)
    for tube in args.learn:
        n, m = (int(x) for x in tube.split(","))
        frames = []
        for a in learn:
            motifs = int(a.info["helixff_motifs"])
            if len(a) == 2 * motifs:
                a.info["n"], a.info["m"] = n, m
                a.info["source"] = "helixff learn %d %d --teacher gpaw" % (n, m)
                frames.append(a)
        write(os.path.join(args.outdir, "learn_%d_%d.extxyz" % (n, m)), frames, format="extxyz")
        used += [a.info["cache_key"] for a in frames]
        print("learn_%d_%d.extxyz: %d frames" % (n, m, len(frames)), file=sys.stderr)
    for key in used:
        for ext in (".json", ".gpaw.txt"):
            src = os.path.join(args.cache, key + ext)
            if os.path.exists(src):
                shutil.copyfile(src, os.path.join(args.outdir, "raw", key + ext))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
