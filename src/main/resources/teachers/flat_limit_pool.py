#!/usr/bin/env python3
"""Candidate pool for the flat (graphene) limit of a nanotube force field: seeded, reproducible.

Writes an extxyz of unlabelled periodic carbon cells (pbc T T F, eV/Angstrom, d_CC = 1.42 A) that span what
tubes of any diameter look like locally:
  * graphene 2x2 and 3x3 hexagonal supercells with random in-plane strain (|e| <= 2 %) and Gaussian atom
    displacements (rms 0.02 / 0.04 / 0.06 A, isotropic);
  * rippled graphene: rectangular cells of 3-6 orthogonal units along x (zigzag direction) or 2-3 along y
    (armchair direction), bent into z = A cos(2 pi s / L) with the amplitude chosen so that the largest curvature is
    that of a tube of radius R = 4 ... 30 A (d = 0.8 ... 6 nm), atoms placed at their arc length (bonds keep
    their length), plus small random displacements (rms 0.01 / 0.03 A).
Which candidates DFT labels is decided by `helixff select` (farthest-first by the model's extrapolation
distance), not here.

    python3 flat_limit_pool.py OUT.extxyz [--seed 7]
"""
import argparse
import math
import sys

import numpy as np
from ase import Atoms
from ase.io import write

DCC = 1.42
A_LAT = DCC * math.sqrt(3)


def hex_supercell(n):
    cell = np.array([[A_LAT, 0, 0], [A_LAT / 2, A_LAT * math.sqrt(3) / 2, 0], [0, 0, 12.0]])
    basis = [np.array([0, 0, 0]), (cell[0] + cell[1]) / 3]
    pos = []
    for i in range(n):
        for j in range(n):
            for b in basis:
                pos.append(b + i * cell[0] + j * cell[1])
    sc = cell.copy()
    sc[0] *= n
    sc[1] *= n
    return np.array(pos), sc


def ortho_cell(nx, ny):
    """Rectangular graphene cell: x along the zigzag direction (period A_LAT), y along the armchair direction (sqrt3 A_LAT)."""
    ax, by = A_LAT, A_LAT * math.sqrt(3)
    unit = [(0, 0), (A_LAT / 2, DCC / 2), (A_LAT / 2, DCC * 1.5), (0, DCC * 2)]
    pos = []
    for i in range(nx):
        for j in range(ny):
            for (x, y) in unit:
                pos.append([x + i * ax, y + j * by, 0.0])
    return np.array(pos), np.diag([nx * ax, ny * by, 12.0])


def ripple(pos, cell, axis, radius):
    """Bend along `axis` into z = A cos(2 pi s / L') keeping arc length; largest curvature 1/radius."""
    length = cell[axis][axis]
    amp = length ** 2 / (4 * math.pi ** 2 * radius)
    # arc length of one period of z = amp cos(2 pi u / Lp) must equal `length`: solve for Lp
    lp = length
    for _ in range(50):
        u = np.linspace(0, lp, 4001)
        dz = -amp * 2 * math.pi / lp * np.sin(2 * math.pi * u / lp)
        s = np.concatenate([[0], np.cumsum(np.sqrt(1 + dz[1:] ** 2) * np.diff(u))])
        lp *= length / s[-1]
    u = np.linspace(0, lp, 4001)
    dz = -amp * 2 * math.pi / lp * np.sin(2 * math.pi * u / lp)
    s = np.concatenate([[0], np.cumsum(np.sqrt(1 + dz[1:] ** 2) * np.diff(u))])
    out = pos.copy()
    uu = np.interp(pos[:, axis], s, u)
    out[:, axis] = uu
    out[:, 2] = amp * np.cos(2 * math.pi * uu / lp)
    c = cell.copy()
    c[axis][axis] = lp
    return out, c, amp


def frame(pos, cell, info):
    a = Atoms("C%d" % len(pos), positions=pos, cell=cell, pbc=[True, True, False])
    a.info.update(info)
    a.info["units"] = "eV_angstrom"
    return a


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("output")
    p.add_argument("--seed", type=int, default=7)
    args = p.parse_args(argv)
    rng = np.random.default_rng(args.seed)
    frames = []
    idx = 0
    for n in (2, 3):
        for rms in (0.0, 0.02, 0.04, 0.06):
            for rep in range(4 if rms > 0 else 1):
                pos, cell = hex_supercell(n)
                e = rng.uniform(-0.02, 0.02, size=3) if (rms > 0 or rep > 0) else np.zeros(3)
                strain = np.array([[1 + e[0], e[2] / 2, 0], [e[2] / 2, 1 + e[1], 0], [0, 0, 1]])
                pos = pos @ strain.T
                cell = cell @ strain.T
                pos = pos + rng.normal(0, rms, size=pos.shape) if rms > 0 else pos
                frames.append(frame(pos, cell, {"kind": "graphene", "supercell": "%dx%d" % (n, n),
                                                "displacement_rms_A": rms, "strain_xx": e[0], "strain_yy": e[1],
                                                "strain_xy": e[2], "pool_index": idx}))
                idx += 1
    for axis, counts in ((0, (3, 4, 5, 6)), (1, (2, 3))):
        for nc in counts:
            for radius in (4.0, 5.5, 7.5, 10.0, 15.0, 30.0):
                for rms in (0.01, 0.03):
                    nx, ny = (nc, 1) if axis == 0 else (1, nc)
                    if axis == 1 and nx == 1:
                        nx = 2
                    pos, cell = ortho_cell(nx, ny)
                    pos, cell, amp = ripple(pos, cell, axis, radius)
                    pos = pos + rng.normal(0, rms, size=pos.shape)
                    frames.append(frame(pos, cell, {"kind": "ripple", "ripple_axis": "xy"[axis],
                                                    "ripple_radius_A": radius, "ripple_amplitude_A": amp,
                                                    "displacement_rms_A": rms, "pool_index": idx}))
                    idx += 1
    write(args.output, frames, format="extxyz")
    print("wrote %d candidates to %s" % (len(frames), args.output), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
