"""phonopy reads HelixFF's phonopy_disp.yaml + FORCE_CONSTANTS; prints Gamma and mesh frequencies as JSON.

argv: directory, factor (to cm^-1), mesh points along c, "full" to also save full-format force constants.
"exact": factor given, force constants used as written (symmetrize_fc=False);
"default": phonopy's defaults (its own unit constants, THz converted with phonopy.units.THzToCm, fc symmetrized).
"""
import json
import os
import sys

import numpy as np
import phonopy
from phonopy.units import THzToCm

d, factor, mesh = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
full = len(sys.argv) > 4 and sys.argv[4] == "full"
yaml = os.path.join(d, "phonopy_disp.yaml")
fcs = os.path.join(d, "FORCE_CONSTANTS")
out = dict(version=phonopy.__version__)
ph = phonopy.load(yaml, force_constants_filename=fcs, factor=factor, symmetrize_fc=False, is_nac=False,
                   is_symmetry=False)
out["supercell_atoms"] = len(ph.supercell)
out["gamma"] = sorted(ph.get_frequencies([0, 0, 0]).tolist())
ph.run_mesh([1, 1, mesh], is_gamma_center=True, is_time_reversal=False, is_mesh_symmetry=False)
m = ph.get_mesh_dict()
out["mesh"] = [dict(qz=float(q[2]), frequencies=sorted(f.tolist())) for q, f in zip(m["qpoints"], m["frequencies"])]
ph2 = phonopy.load(yaml, force_constants_filename=fcs, is_nac=False)
out["gamma_default_cm1"] = sorted((ph2.get_frequencies([0, 0, 0]) * THzToCm).tolist())
# phonopy's own phonopy_params.yaml (force constants inside), compact and full, for `helixff analyze`
ph.save(os.path.join(d, "params_compact.yaml"), settings={"force_constants": True})
if full:
    ph3 = phonopy.load(yaml, force_constants_filename=fcs, is_compact_fc=False, symmetrize_fc=False, is_nac=False,
                        is_symmetry=False)
    ph3.save(os.path.join(d, "params_full.yaml"), settings={"force_constants": True})
print(json.dumps(out))
