"""phonopy's thermal properties from HelixFF's phonopy_disp.yaml + FORCE_CONSTANTS, per atom, as JSON.

argv: directory, factor (THz -> the frequency unit phonopy uses for the thermal sums: its default, THz),
      mesh points along c, temperatures (comma separated, K).
Prints Cv and S in k_B per atom and F in kJ/mol of atoms (zero-point energy included), phonopy's definitions.
"""
import json
import os
import sys

import phonopy

d, mesh, temps = sys.argv[1], int(sys.argv[2]), [float(t) for t in sys.argv[3].split(",")]
ph = phonopy.load(os.path.join(d, "phonopy_disp.yaml"), force_constants_filename=os.path.join(d, "FORCE_CONSTANTS"),
                  symmetrize_fc=False, is_nac=False, is_symmetry=False)
ph.run_mesh([1, 1, mesh], is_gamma_center=True, is_time_reversal=True, is_mesh_symmetry=False)
n = len(ph.primitive)
R = 8.314462618  # J/(K mol)
out = dict(version=phonopy.__version__, atoms=n, points=[])
for t in temps:
    ph.run_thermal_properties(temperatures=[t])
    tp = ph.get_thermal_properties_dict()
    out["points"].append(dict(t=t, cv_kb=tp["heat_capacity"][0] / n / R, s_kb=tp["entropy"][0] / n / R,
                              f_kj_mol=tp["free_energy"][0] / n))
print(json.dumps(out))
