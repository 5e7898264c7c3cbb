#!/usr/bin/env python3
"""Candidate pool of nanotube full cells for the GPAW teacher: seeded, reproducible.

Writes an extxyz of unlabelled one-period cells (pbc F F T, Angstrom, d_CC = 1.42 A roll-up, axis = z) of the given
tubes, each as built and with axial strain -1.5 / 0 / +1.5 % and Gaussian displacements of all atoms (rms 0.03 / 0.06
/ 0.10 A, the recipe of the shipped gpaw-cnt frames), several seeds each. Which candidates DFT labels is decided by
`helixff select` (farthest-first by the model's extrapolation distance), not here.

    python3 tube_pool.py OUT.extxyz --tubes 7,0 11,0 --seeds 2 [--seed 11]
"""
import argparse
import sys

import numpy as np
from ase.build import nanotube
from ase.io import write

DCC = 1.42
STRAINS = (-0.015, 0.0, 0.015)
RMS_A = (0.03, 0.06, 0.10)


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("out")
    p.add_argument("--tubes", nargs="+", required=True, help="n,m pairs")
    p.add_argument("--seeds", type=int, default=2, help="displacement draws per (strain, rms)")
    p.add_argument("--seed", type=int, default=11)
    args = p.parse_args(argv)
    frames = []
    for spec in args.tubes:
        n, m = (int(x) for x in spec.split(","))
        base = nanotube(n, m, length=1, bond=DCC, symbol="C")
        base.pbc = [False, False, True]
        for strain in STRAINS:
            for rms in RMS_A:
                for s in range(args.seeds):
                    seed = args.seed * 1000003 + 10007 * (100 * n + m) + 101 * STRAINS.index(strain) \
                        + 11 * RMS_A.index(rms) + s
                    rng = np.random.default_rng(seed)
                    a = base.copy()
                    c = a.get_cell().array.copy()
                    c[2] *= 1.0 + strain
                    a.set_cell(c, scale_atoms=True)
                    a.positions += rng.normal(0.0, rms / np.sqrt(3.0), a.positions.shape)
                    a.info.update({"n": n, "m": m, "kind": "tube", "strain": strain, "displacement_rms_A": rms,
                                   "seed": seed, "source": "tube_pool.py (session 5)"})
                    frames.append(a)
    write(args.out, frames, format="extxyz")
    print("tube_pool.py: %d candidates" % len(frames), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
