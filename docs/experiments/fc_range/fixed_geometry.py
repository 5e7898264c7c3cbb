#!/usr/bin/env python3
"""Gamma spectrum of a tube cell from one atom's force-constant column, DFT against models, at one fixed geometry.

    python3 fixed_geometry.py CELL.extxyz DFT_DISPLACEMENTS.extxyz [MODEL_DISPLACEMENTS.extxyz ...]

CELL: the undisplaced one-period cell (pbc F F T). DFT_DISPLACEMENTS: that cell with one atom displaced by +-STEP
along x, y and z (six cells, any order, labelled). MODEL_DISPLACEMENTS: the same six cells labelled by a model
(../label_noise/Relabel.java MODEL OUT DFT_DISPLACEMENTS). The column is expanded to the whole cell with the tube's
operations found from the atoms (rotations about the axis and C2 flips perpendicular to it, with the matching axial
shift), symmetrised, given the translational sum rule on the diagonal blocks, and the Gamma dynamical matrix is
diagonalised. Every spectrum comes from the same geometry and the same expansion, so the comparison measures the
force constants alone (no relaxation, no sum-rule or symmetrisation differences between codes). RMSE over all modes
but the four lowest (the zero modes).
"""
import sys

import numpy as np
from ase.io import read

MASS = 12.011
FAR_A = 6.0            # A: 'far' atoms for the coupling summary
TO_CM = 521.4709


def rz(t):
    c, s = np.cos(t), np.sin(t)
    return np.array([[c, -s, 0], [s, c, 0], [0, 0, 1]])


def setup(cell, frames):
    pos = cell.get_positions()
    disp = [f.get_positions() - pos for f in frames]
    moved = [int(np.argmax(np.linalg.norm(d, axis=1))) for d in disp]
    J = moved[0]
    assert all(m == J for m in moved), "the cells must displace one and the same atom"
    step = max(abs(d[J]).max() for d in disp)
    return pos, disp, J, step


def column(frames, disp, J, step, N):
    F = np.array([f.get_forces() for f in frames])
    C = np.zeros((3, N, 3))
    for b in range(3):
        ip = [i for i, d in enumerate(disp) if d[J][b] > step / 2]
        im = [i for i, d in enumerate(disp) if d[J][b] < -step / 2]
        assert len(ip) == 1 and len(im) == 1, "need +- displacements along every axis"
        C[b] = -(F[ip[0]] - F[im[0]]) / (2 * step)
    return C


def operations(X, T, J):
    N = len(X)

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

    ops = {}
    for flip in (False, True):
        B = np.diag([1.0, -1.0, -1.0]) if flip else np.eye(3)
        y0 = B @ X[J]
        for j in range(N):
            Rm = rz(np.arctan2(X[j, 1], X[j, 0]) - np.arctan2(y0[1], y0[0])) @ B
            Y = X @ Rm.T
            p = match(Y + np.array([0, 0, X[j, 2] - Y[J, 2]]))
            if p is not None and j not in ops:
                ops[j] = (Rm, p)
    assert len(ops) == N, "operations found for %d of %d atoms" % (len(ops), N)
    return ops


def gamma(C, ops, N):
    P = np.zeros((N, 3, N, 3))
    for j, (Rm, p) in ops.items():
        # the operation takes the displaced atom J to j and atom k to p[k]: Phi(p[k], j) = R Phi(k, J) R^T
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


def main(argv):
    cell = read(argv[0])
    dft_frames = read(argv[1], ":")
    pos, disp, J, step = setup(cell, dft_frames)
    N = len(pos)
    T = cell.cell[2][2]
    X = pos.copy()
    X[:, :2] -= X[:, :2].mean(axis=0)
    ops = operations(X, T, J)
    C = column(dft_frames, disp, J, step, N)
    ref = gamma(C, ops, N)
    print("%s: %d atoms, atom %d displaced +-%.3f A; DFT Gamma: %.1f ... %.1f cm^-1 (lowest four %s)" % (
        argv[1], N, J, step, ref[4], ref[-1], np.round(ref[:4], 1).tolist()))
    d = X - X[J]
    d[:, 2] -= T * np.round(d[:, 2] / T)
    r = np.linalg.norm(d, axis=1)
    far = r > FAR_A
    if far.any():
        sign = np.array([1.0 if np.linalg.det(ops[j][0][:2, :2]) > 0 else -1.0 for j in range(N)])
        loc0 = rz(np.arctan2(X[J, 1], X[J, 0]))   # J's own cylindrical frame
        loc = np.array([rz(np.arctan2(X[j, 1], X[j, 0])).T @ C[:, j, :].T @ loc0 * sign[j] for j in np.where(far)[0]])
        print("  DFT couplings beyond %.1f A (%d atoms, up to %.1f A) in cylindrical frames times the sublattice sign:"
              " axial %.3f +- %.3f, circumferential %.3f +- %.3f, radial %.3f +- %.3f eV/A^2" % (
                  FAR_A, far.sum(), r.max(), loc[:, 2, 2].mean(), loc[:, 2, 2].std(), loc[:, 1, 1].mean(),
                  loc[:, 1, 1].std(), loc[:, 0, 0].mean(), loc[:, 0, 0].std()))
    shells = []
    for lo, hi in ((0.1, 3.0), (3.0, 4.5), (4.5, 6.0), (6.0, 7.94), (7.94, 9.0), (9.0, 12.0)):
        m = (r > lo) & (r <= hi)
        if m.any():
            shells.append("%.1f-%.1f A: %.3f (%d)" % (lo, hi, np.sqrt(np.mean(C[:, m, :] ** 2)), m.sum()))
    print("  DFT rms |Phi| by distance from the displaced atom, eV/A^2 (atoms): " + ", ".join(shells))
    Ct = C.copy()
    Ct[:, r > 7.94, :] = 0
    wt = gamma(Ct, ops, N)
    print("  DFT column truncated beyond 7.94 A (twice a 7.5 Bohr cutoff): Gamma RMSE vs full %.2f cm^-1"
          % np.sqrt(np.mean((wt[4:] - ref[4:]) ** 2)))
    for f in argv[2:]:
        w = gamma(column(read(f, ":"), disp, J, step, N), ops, N)
        e = w[4:] - ref[4:]
        bands = []
        for lo, hi in ((0, 400), (400, 900), (900, 1300), (1300, 1700)):
            m = (ref[4:] >= lo) & (ref[4:] < hi)
            if m.any():
                bands.append("%d-%d rmse %.1f mean %+.1f" % (lo, hi, np.sqrt(np.mean(e[m] ** 2)), e[m].mean()))
        print("  %s: RMSE %.2f cm^-1, highest %.1f vs %.1f; %s" % (f, np.sqrt(np.mean(e ** 2)), w[-1], ref[-1],
                                                                 " | ".join(bands)))


if __name__ == "__main__":
    main(sys.argv[1:])
