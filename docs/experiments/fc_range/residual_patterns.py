#!/usr/bin/env python3
"""How much of a model's force residual on DFT tube cells lies in the two uniform A1 patterns?

    python3 residual_patterns.py DFT.extxyz MODEL.extxyz [DFT2.extxyz MODEL2.extxyz ...]

DFT.extxyz: labelled one-period tube cells (pbc F F T); MODEL.extxyz: the same cells labelled by a model (e.g.
../label_noise/Relabel.java default MODEL.extxyz DFT.extxyz). For each cell: the residual R = F_DFT - F_model,
the two unit patterns of the whole cell that the (8,8) far field couples (fc_range.py): sublattice-staggered axial
(s_i z) and sublattice-staggered circumferential (s_i phi_i), with the sublattice s_i = +-1 from the bond graph;
the fraction of |R|^2 along each. A residual without structure puts 1/(3N) of its square along any one direction.
Grouped by tube (info n, m) or by file.
"""
import sys

import numpy as np
from ase.io import read


def sublattice(atoms):
    p = atoms.get_positions()
    T = atoms.cell[2][2]
    d = p[:, None, :] - p[None, :, :]
    d[:, :, 2] -= T * np.round(d[:, :, 2] / T)
    bonded = (np.linalg.norm(d, axis=2) < 1.75) & ~np.eye(len(p), dtype=bool)
    s = np.zeros(len(p))
    s[0] = 1
    todo = [0]
    while todo:
        i = todo.pop()
        for j in np.where(bonded[i])[0]:
            if s[j] == 0:
                s[j] = -s[i]
                todo.append(j)
    return s


def fractions(dft, model):
    N = len(dft)
    s = sublattice(dft)
    c = dft.get_positions()[:, :2] - dft.get_positions()[:, :2].mean(0)
    phi = np.c_[-c[:, 1], c[:, 0], np.zeros(N)] / np.linalg.norm(c, axis=1)[:, None]
    axial = np.zeros((N, 3))
    axial[:, 2] = s
    circ = phi * s[:, None]
    R = dft.get_forces() - model.get_forces()
    tot = np.sum(R ** 2)
    return (N, np.sqrt(tot / (3 * N)), np.sum(R * axial) ** 2 / np.sum(axial ** 2) / tot,
            np.sum(R * circ) ** 2 / np.sum(circ ** 2) / tot)


args = sys.argv[1:]
groups = {}
for k in range(0, len(args), 2):
    for a, b in zip(read(args[k], ":"), read(args[k + 1], ":")):
        key = ("(%s,%s)" % (a.info["n"], a.info["m"])) if "n" in a.info else args[k]
        groups.setdefault(key, []).append(fractions(a, b))
for key, rows in groups.items():
    r = np.array(rows)
    print("%-40s cells %2d  N %2d  residual rms %.3f eV/A  fraction along staggered axial %.2f,"
          " circumferential %.2f  (structureless: %.3f each)" % (key, len(r), r[0, 0], r[:, 1].mean(), r[:, 2].mean(),
                                                               r[:, 3].mean(), 1 / (3 * r[0, 0])))
