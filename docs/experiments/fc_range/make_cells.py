#!/usr/bin/env python3
"""The one-period full cell of a relaxed tube motif and one atom's +-STEP displacements along x, y, z.

    python3 make_cells.py MOTIF.extxyz CELL.extxyz DISPLACED.extxyz [--step 0.01] [--angle 45]

MOTIF: `helixff relax N M --free-axial --out MOTIF.extxyz` (2-atom motif in Bohr with cyclic_order,
screw_angle_rad, screw_translation_bohr, n, m in its header). CELL: the translational cell (A, pbc F F T). DISPLACED:
six copies with the atom nearest the polar angle --angle displaced by +-step A along x, y, z (an atom that is not
extreme in x or y, so the box the GPAW teacher builds from the atoms' extent stays the same). Label DISPLACED with
`teachers/label_frames.py` (two streams of three cells if two cores are free) and compare with fixed_geometry.py.
"""
import argparse

import numpy as np
from ase import Atoms
from ase.io import read, write

BOHR = 0.529177210903


def rz(t):
    c, s = np.cos(t), np.sin(t)
    return np.array([[c, -s, 0], [s, c, 0], [0, 0, 1]])


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("motif")
    p.add_argument("cell")
    p.add_argument("displaced")
    p.add_argument("--step", type=float, default=0.01)
    p.add_argument("--angle", type=float, default=45.0)
    a = p.parse_args()
    m = read(a.motif)
    N = int(m.info["cyclic_order"])
    alpha = float(m.info["screw_angle_rad"])
    h = float(m.info["screw_translation_bohr"])
    q = next(k for k in range(1, 100000)
             if abs((k * alpha / (2 * np.pi / N)) - round(k * alpha / (2 * np.pi / N))) < 1e-9)
    motif = m.get_positions()  # Bohr as written (units=hartree_bohr; ASE does not convert)
    pos = np.array([rz(2 * np.pi * c / N + j * alpha) @ x + np.array([0, 0, j * h])
                    for c in range(N) for j in range(q) for x in motif]) * BOHR
    T = q * h * BOHR
    pos[:, 2] %= T
    cell = Atoms("C%d" % len(pos), positions=pos, cell=[18.0, 18.0, T], pbc=[False, False, True])
    cell.info.update({"n": int(m.info["n"]), "m": int(m.info["m"])})
    write(a.cell, cell, format="extxyz")
    ang = np.degrees(np.arctan2(pos[:, 1], pos[:, 0]))
    j = int(np.argmin(np.abs(ang - a.angle)))
    out = []
    for b in range(3):
        for sgn in (1, -1):
            x = cell.copy()
            p_ = x.get_positions()
            p_[j, b] += sgn * a.step
            x.set_positions(p_)
            x.info.update({"kind": "tube", "config": "atom %d %+.3f A along %s" % (j, sgn * a.step, "xyz"[b]),
                           "source": "docs/experiments/fc_range/make_cells.py"})
            out.append(x)
    write(a.displaced, out, format="extxyz")
    print("%d atoms, period %.5f A (q = %d), atom %d at %.1f degrees" % (len(pos), T, q, j, ang[j]))


if __name__ == "__main__":
    main()
