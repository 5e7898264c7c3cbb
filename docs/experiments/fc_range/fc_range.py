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
REF = os.path.join(HERE, "../../../src/main/resources/org/helixff/data/gpaw-helixff/phonons_8_8_scf1e-4")
STEP = 0.01                      # A, the reference's displacement
MASS = 12.011                    # amu
TO_CM = 521.4709                 # sqrt(eV/A^2/amu) in cm^-1

cell0 = read(os.path.join(REF, "relaxed.extxyz"))
pos = cell0.get_positions()
T = cell0.cell[2][2]
N = len(pos)
X = pos.copy()
X[:, :2] -= X[:, :2].mean(axis=0)           # axis through the centroid
disp_frames = read(os.path.join(REF, "displacements.extxyz"), ":")
disp = [f.get_positions()[0] - pos[0] for f in disp_frames]


def column(frames):
    """C[b, k, a] = Phi(k a; 0 b) = -dF_ka / du_0b, eV/A^2, central differences."""
    F = np.array([f.get_forces() for f in frames])
    C = np.zeros((3, N, 3))
    for b in range(3):
        ip = [i for i, d in enumerate(disp) if d[b] > STEP / 2][0]
        im = [i for i, d in enumerate(disp) if d[b] < -STEP / 2][0]
        C[b] = -(F[ip] - F[im]) / (2 * STEP)
    return C


def rz(t):
    c, s = np.cos(t), np.sin(t)
    return np.array([[c, -s, 0], [s, c, 0], [0, 0, 1]])


def match(Y):
    perm = []
    for y in Y:
        d = X - y
        d[:, 2] -= T * np.round(d[:, 2] / T)
        n = np.linalg.norm(d, axis=1)
        k = int(np.argmin(n))
        if n[k] > 0.02:
            return None
        perm.append(k)
    return perm if len(set(perm)) == N else None


OPS = {}                         # atom j -> (rotation, permutation) of an operation taking atom 0 to j
for flip in (False, True):
    B = np.diag([1.0, -1.0, -1.0]) if flip else np.eye(3)
    y0 = B @ X[0]
    for j in range(N):
        Rm = rz(np.arctan2(X[j, 1], X[j, 0]) - np.arctan2(y0[1], y0[0])) @ B
        Y = X @ Rm.T
        p = match(Y + np.array([0, 0, X[j, 2] - Y[0, 2]]))
        if p is not None and j not in OPS:
            OPS[j] = (Rm, p)
assert len(OPS) == N, "operations found for %d of %d atoms" % (len(OPS), N)


def gamma(C):
    P = np.zeros((N, 3, N, 3))
    for j, (Rm, p) in OPS.items():
        for k in range(N):
            P[p[k], :, j, :] = Rm @ C[:, k, :].T @ Rm.T
    P = P.reshape(3 * N, 3 * N)
    P = (P + P.T) / 2
    P4 = P.reshape(N, 3, N, 3)
    for i in range(N):
        P4[i, :, i, :] -= P4[i, :, :, :].sum(axis=1)
    P = P4.reshape(3 * N, 3 * N)
    P = (P + P.T) / 2
    w = np.linalg.eigvalsh(P / MASS)
    return np.sort(np.sign(w) * np.sqrt(np.abs(w)) * TO_CM)


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
