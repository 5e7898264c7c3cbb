#!/usr/bin/env python3
"""The force-constant column of one atom of the semiconducting (8,0), by distance (contrast to fc_range.py's (8,8)).

    python3 fc80.py

data/fc80_displacements.extxyz: the (8,0) cell of gpaw-helixff/extra/soft_modes_next.extxyz frame 0 (relaxed by the
0.2 model, labelled by GPAW at the shipped settings) with atom 3 (at 45 degrees, so the box HelixFF's teacher builds
from the atoms' extent does not change) displaced +0.01 A along x, y, z; labelled by teachers/label_frames.py
(input data/fc80_input.extxyz; raw records in data/raw/; 432-470 s each on one core). One-sided differences against
the undisplaced frame's forces.
"""
import os

import numpy as np
from ase.io import read

HERE = os.path.dirname(os.path.abspath(__file__))
r0 = read(os.path.join(HERE, "../../../src/main/resources/org/helixff/data/gpaw-helixff/extra/soft_modes_next.extxyz"), 0)
frames = read(os.path.join(HERE, "data/fc80_displacements.extxyz"), ":")
J, STEP = 3, 0.01
pos = r0.get_positions()
T = r0.cell[2][2]
C = np.array([-(f.get_forces() - r0.get_forces()) / STEP for f in frames])   # C[b, k, a], eV/A^2
d = pos - pos[J]
d[:, 2] -= T * np.round(d[:, 2] / T)
r = np.linalg.norm(d, axis=1)
print("diameter %.2f A; translational sum (should be 0): %s" % (
    2 * np.linalg.norm(pos[:, :2] - pos[:, :2].mean(0), axis=1).mean(), np.round(C.sum(axis=1), 3).tolist()))
for s in np.unique(np.round(r, 1)):
    m = np.abs(r - s) < 0.06
    print("  r %5.2f A  n %d  rms |Phi| %6.3f eV/A^2  Phi_zz %s" % (s, m.sum(), np.sqrt((C[:, m, :] ** 2).mean()),
                                                                   np.round(C[2, m, 2], 3).tolist()))
