#!/usr/bin/env python3
"""How far do the DFT force constants of the (8,8) reference reach, and what does a finite range cost?

    python3 fc_range.py [MODEL_FORCES.extxyz ...]

Reads the low-noise GPAW reference of HelixFF (gpaw-helixff/phonons_8_8_scf1e-4: the relaxed cell and the six
+-0.01 A displacements of atom 0), forms the force-constant column of atom 0 by central differences, expands it to
the whole 32-atom cell with the tube's operations found from the atoms (rotations about the axis, C2 axes
perpendicular to it, with the matching axial shift), symmetrises, imposes the translational sum rule on the
diagonal blocks and diagonalises the Gamma dynamical matrix. Then it repeats this with the column truncated
beyond a distance r_max (minimum-image distance from atom 0), which is the force-constant field of the best
force fit with that range, and prints the Gamma RMSE against the full column (the four zero modes left out).

MODEL_FORCES: the same six displaced cells labelled by a model (e.g. docs/experiments/label_noise/Relabel.java
MODEL OUT DISPLACEMENTS), expanded the same way and compared with the full DFT column, band by band.
Needs numpy and ASE (Debian: python3-ase). Units: eV, A, amu; frequencies in cm^-1.
"""
import json
import os
import sys

import numpy as np
from ase.io import read

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import fixed_geometry  # noqa: E402  (the shared column, operations and Gamma expansion)

REF = os.path.join(HERE, "../../../src/main/resources/org/helixff/data/gpaw-helixff/phonons_8_8_scf1e-4")
cell0 = read(os.path.join(REF, "relaxed.extxyz"))
disp_frames = read(os.path.join(REF, "displacements.extxyz"), ":")
pos, disp, J, STEP = fixed_geometry.setup(cell0, disp_frames)
assert J == 0, "the reference displaces atom 0"
T = cell0.cell[2][2]
N = len(pos)
X = pos.copy()
X[:, :2] -= X[:, :2].mean(axis=0)           # axis through the centroid
OPS = fixed_geometry.operations(X, T, 0)    # atom j -> (rotation, permutation) of an operation taking atom 0 to j
rz = fixed_geometry.rz


def column(frames):
    """C[b, k, a] = Phi(k a; 0 b) = -dF_ka / du_0b, eV/A^2, central differences."""
    return fixed_geometry.column(frames, disp, 0, STEP, N)


def gamma(C):
    return fixed_geometry.gamma(C, OPS, N)


def rmse(a, b):
    return float(np.sqrt(np.mean((a[4:] - b[4:]) ** 2)))


def bands(a, b):
    e = a[4:] - b[4:]
    out = []
    for lo, hi in ((0, 400), (400, 900), (900, 1300), (1300, 1700)):
        m = (b[4:] >= lo) & (b[4:] < hi)
        out.append("%d-%d: rmse %.1f mean %+.1f" % (lo, hi, np.sqrt(np.mean(e[m] ** 2)), e[m].mean()))
    return " | ".join(out)


Cr = column(disp_frames)
full = gamma(Cr)
ref = np.sort(np.array(json.load(open(os.path.join(REF, "reference.json")))["gamma_cm-1"]))
print("this expansion vs the shipped phonopy reference: RMSE %.2f cm^-1" % rmse(full, ref))
d = X - X[0]
d[:, 2] -= T * np.round(d[:, 2] / T)
r = np.linalg.norm(d, axis=1)
far = r > 6.5
print("far field (r > 6.5 A, %d atoms): rms |Phi| %.3f eV/A^2, zz %s" % (
    far.sum(), np.sqrt(np.mean(Cr[:, far, :] ** 2)), np.round(Cr[2, far, 2], 3).tolist()))
for cut in (3.0, 4.0, 4.5, 5.2, 6.0, 7.0, 7.5, 7.94, 8.5, 9.5, 10.5, 11.5):
    Ct = Cr.copy()
    Ct[:, r > cut, :] = 0
    print("range r <= %5.2f A (%2d of %d atoms): Gamma RMSE vs the full column %5.2f cm^-1"
          % (cut, (r <= cut).sum(), N, rmse(gamma(Ct), full)))
# The far field, decomposed: the sublattice sign of each atom (+1: reached from atom 0 by a rotation, -1: by a C2
# flip), the far blocks in cylindrical frames (r, phi, z) of both atoms times that sign, their means (a constant
# coupling of every pair across the tube) and what is left once those constant terms are removed from every pair.
sign = np.array([1.0 if np.linalg.det(OPS[j][0][:2, :2]) > 0 else -1.0 for j in range(N)])
theta = np.arctan2(X[:, 1], X[:, 0]) - np.arctan2(X[0, 1], X[0, 0])
local = np.array([rz(theta[j]).T @ Cr[:, j, :].T * sign[j] for j in np.where(far)[0]])
cz, cphi = local[:, 2, 2].mean(), local[:, 1, 1].mean()
print("far blocks in cylindrical frames times the sublattice sign: axial-axial %.3f +- %.3f, circumferential %.3f"
      " +- %.3f, others |mean| <= %.3f eV/A^2" % (cz, local[:, 2, 2].std(), cphi, local[:, 1, 1].std(),
                                               max(abs(local.mean(0)[a, b]) for a in range(3) for b in range(3)
                                                   if (a, b) not in ((1, 1), (2, 2)))))
background = np.zeros_like(Cr)
for j in range(N):
    phi_j = np.array([-np.sin(theta[j]), np.cos(theta[j]), 0.0])
    blk = sign[j] * (cz * np.outer([0, 0, 1.0], [0, 0, 1.0]) + cphi * np.outer(phi_j, [0, 1.0, 0]))
    background[:, j, :] = blk.T
rest = Cr - background
w_rest = gamma(rest)
print("without the two constant terms (every pair): far rms %.3f eV/A^2 (was %.3f); Gamma RMSE vs full %.2f cm^-1"
      % (np.sqrt(np.mean(rest[:, far, :] ** 2)), np.sqrt(np.mean(Cr[:, far, :] ** 2)), rmse(w_rest, full)))
for cut in (4.5, 6.0, 7.0, 7.94, 9.5):
    Ct = rest.copy()
    Ct[:, r > cut, :] = 0
    w = gamma(Ct)
    print("  the rest truncated at %5.2f A: vs the rest %.2f, vs the full DFT column %.2f cm^-1"
          % (cut, rmse(w, w_rest), rmse(w, full)))
for f in sys.argv[1:]:
    wm = gamma(column(read(f, ":")))
    print("%s: RMSE vs the full DFT column %.2f cm^-1; %s" % (f, rmse(wm, full), bands(wm, full)))
