#!/usr/bin/env python3
"""HelixFF external teacher: label a periodic full cell with any ASE calculator.

HelixFF's generic external teacher (org.helixff.teacher.ExternalTeacher) expands the tube to a periodic
full cell (translational cells along z, pbc F F T, eV/Angstrom), writes it as extxyz, runs a command with
{in} and {out} replaced by the file names, and reads energy and forces (and, if present, the stress) back
from the extxyz written to {out}, in the same atom order. This script is that command for any ASE
calculator:

    helixff learn 10 10 --teacher external --threshold 3e-4 --steps 2000 --out model.hxf \
        --external-command '/usr/bin/python3 examples/ase_teacher.py {in} {out} --calculator emt'

Calculators here: emt (ASE's EMT, crude for carbon: a demonstration), morse (ASE's MorsePotential with
the parameters given below), lj (ASE's LennardJones). To use a DFT code, construct its ASE calculator in
make_calculator() (e.g. GPAW(mode=PW(450), kpts=(1, 1, 8), txt='gpaw.txt') with atoms.pbc = True and
enough lateral vacuum). --fd-stress adds the axial stress by central differences of the energy (for
calculators without an analytic stress), which gives HelixFF dE/dh.
"""
import argparse
import sys

import numpy as np
from ase.calculators.calculator import PropertyNotImplementedError
from ase.calculators.singlepoint import SinglePointCalculator
from ase.io import read, write


def make_calculator(args):
    if args.calculator == "emt":
        from ase.calculators.emt import EMT
        return EMT()
    if args.calculator == "morse":
        from ase.calculators.morse import MorsePotential
        return MorsePotential(epsilon=args.epsilon, r0=args.r0, rho0=args.rho0,
                              rcut1=args.rcut1, rcut2=args.rcut2)
    if args.calculator == "lj":
        from ase.calculators.lj import LennardJones
        return LennardJones(epsilon=args.epsilon, sigma=args.r0 / 2 ** (1 / 6), rc=args.rcut2 * args.r0)
    raise SystemExit("ase_teacher.py: unknown calculator %r" % args.calculator)


def axial_stress_fd(atoms, calc, step):
    """(1/V) dE/d(strain_zz) by central differences (atoms and cell stretched together along z)."""
    energies = []
    for e in (step, -step):
        a = atoms.copy()
        cell = a.get_cell().array.copy()
        cell[2] *= 1 + e
        a.set_cell(cell, scale_atoms=True)
        a.calc = calc
        energies.append(a.get_potential_energy())
    return (energies[0] - energies[1]) / (2 * step * atoms.get_volume())


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("input")
    p.add_argument("output")
    p.add_argument("--calculator", default="emt", choices=["emt", "morse", "lj"])
    p.add_argument("--epsilon", type=float, default=0.6, help="eV (morse, lj)")
    p.add_argument("--r0", type=float, default=1.42, help="A (morse, lj)")
    p.add_argument("--rho0", type=float, default=3.5, help="(morse)")
    p.add_argument("--rcut1", type=float, default=1.5, help="inner cutoff / r0 (morse)")
    p.add_argument("--rcut2", type=float, default=1.9, help="outer cutoff / r0 (morse, lj)")
    p.add_argument("--fd-stress", action="store_true", help="axial stress by finite differences")
    p.add_argument("--fd-step", type=float, default=1e-5, help="strain step of --fd-stress")
    args = p.parse_args(argv)

    atoms = read(args.input, index=-1, format="extxyz")
    calc = make_calculator(args)
    atoms.calc = calc
    energy = atoms.get_potential_energy()
    forces = atoms.get_forces()
    stress = None
    try:
        stress = atoms.get_stress(voigt=True)
    except PropertyNotImplementedError:
        if args.fd_stress:
            stress = np.zeros(6)
            stress[2] = axial_stress_fd(atoms, calc, args.fd_step)
    out = atoms.copy()
    results = {"energy": energy, "forces": forces}
    if stress is not None:
        results["stress"] = stress
    out.calc = SinglePointCalculator(out, **results)
    write(args.output, out, format="extxyz")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
