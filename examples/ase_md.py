"""ASE molecular dynamics with HelixFF as the calculator (README: "Using HelixFF from ASE / i-PI")."""
import sys

sys.path.insert(0, "python")  # helixff_ase.py (run from the repository root, or put python/ on PYTHONPATH)
import ase.io
from ase import units
from ase.md.verlet import VelocityVerlet
from helixff_ase import HelixFF

atoms = ase.io.read("tube.extxyz")  # made by: helixff expand 10 10 --cells 2 --out tube.extxyz
atoms.rattle(0.01, seed=1)
with HelixFF(model="tersoff-lb") as calc:  # one `helixff ipi` process serves every step
    atoms.calc = calc
    VelocityVerlet(atoms, 0.5 * units.fs).run(10)
    print("E = %.6f eV, max |F| = %.4f eV/A" % (atoms.get_potential_energy(), abs(atoms.get_forces()).max()))
