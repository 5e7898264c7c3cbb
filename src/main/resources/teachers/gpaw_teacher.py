#!/usr/bin/env python3
"""HelixFF GPAW teacher: PBE energies and forces of carbon nanotube and graphene cells.

One call labels one periodic cell at the settings of HelixFF's shipped GPAW data
(shared/data/gpaw-cnt/README.md): GPAW plane waves 450 eV, PBE, spin-paired, Fermi-Dirac 0.05 eV,
Gamma-centred Monkhorst-Pack grid with N_k * L >= 29.5 A along every periodic direction, 10 A of vacuum
between the walls of neighbouring images along every non-periodic direction, SCF energy 1e-6 eV/electron,
density 1e-4, eigenstates 4e-8 eV^2/electron, forces 1e-3 eV/A, Pulay mixer beta 0.05.

As HelixFF's external teacher (org.helixff.teacher.ExternalTeacher, `helixff learn --teacher gpaw`):

    python3 gpaw_teacher.py INPUT.extxyz OUTPUT.extxyz [--cache DIR] [--stress]

The input is the expanded tube (pbc F F T, eV/Angstrom, as HelixFF writes it). The calculation runs in a
fully periodic box whose lateral size is the tube's extent plus the vacuum; the output repeats the input's
atoms, cell and pbc with `energy` (extrapolated to zero smearing), `free_energy` (Mermin free energy; the
forces are its exact derivative), forces, optionally the stress rescaled to the input cell's volume, and
the provenance (code, versions, settings, wall time) in the frame's info.

Resumable: with --cache DIR (or HELIXFF_DFT_CACHE), every finished call is stored under a key made of the
atoms, the cell and the settings; a repeated call returns the stored result at once. The cache keeps the
record of every call: input, output, GPAW's text log and a provenance JSON.
Run on one core (OMP_NUM_THREADS=1, no MPI) unless told otherwise.
k points follow the input's pbc: give a tube as pbc F F T (HelixFF does) and graphene as T T F. A cell marked
T T T is sampled in all three directions even if it holds vacuum (the shipped gpaw-cnt files say T T T but used
1x1xN_k: feeding them back as T T T gives 2x2x12 and energies 1 meV/cell lower).
"""
import argparse
import hashlib
import json
import math
import os
import platform
import shutil
import sys
import tempfile
import time

import numpy as np
from ase.calculators.singlepoint import SinglePointCalculator
from ase.io import read, write

ECUT_EV = 450.0
SMEARING_EV = 0.05
K_DENSITY_A = 29.5          # N_k * L >= this, A (shipped data: 29.5-29.8 A)
VACUUM_A = 10.0             # between the walls of neighbouring images
CONVERGENCE = {"energy": 1e-6, "density": 1e-4, "eigenstates": 4e-8, "forces": 1e-3}
MIXER_BETA = 0.05
SETTINGS_VERSION = "helixff-gpaw-1"


def kpoint_grid(cell, pbc):
    """Gamma-centred grid with N_k * L >= K_DENSITY_A along periodic directions, 1 elsewhere."""
    grid = []
    for i in range(3):
        if pbc[i]:
            length = np.linalg.norm(cell[i])
            grid.append(max(1, int(math.ceil(K_DENSITY_A / length - 1e-3))))
        else:
            grid.append(1)
    return grid


def dft_box(atoms):
    """Copy of atoms in a fully periodic orthogonal-vacuum box: non-periodic directions get extent + vacuum."""
    box = atoms.copy()
    box.calc = None
    cell = atoms.get_cell().array.copy()
    pos = box.get_positions()
    for i in range(3):
        if not atoms.pbc[i]:
            axis = np.zeros(3)
            axis[i] = 1.0
            if abs(np.dot(cell[(i + 1) % 3], axis)) > 1e-8 or abs(np.dot(cell[(i + 2) % 3], axis)) > 1e-8:
                raise SystemExit("gpaw_teacher.py: non-periodic direction %d is not orthogonal to the periodic ones" % i)
            extent = pos[:, i].max() - pos[:, i].min()
            cell[i] = axis * (extent + VACUUM_A)
            pos[:, i] += 0.5 * cell[i][i] - 0.5 * (pos[:, i].max() + pos[:, i].min())
    box.set_cell(cell)
    box.set_positions(pos)
    box.pbc = [True, True, True]
    return box


def cache_key(box, kpts, stress):
    h = hashlib.sha256()
    h.update(SETTINGS_VERSION.encode())
    h.update(np.round(box.get_cell().array, 5).tobytes())
    h.update(np.round(box.get_positions(), 5).tobytes())
    h.update(np.asarray(box.numbers, dtype=np.int64).tobytes())
    h.update(json.dumps({"kpts": kpts, "stress": bool(stress)}).encode())
    return h.hexdigest()[:24]


def calculator(kpts, txt, time_reversal=False, convergence=None):
    """A GPAW calculator at the shipped settings. time_reversal: reduce the k points by time-reversal symmetry
    (k and -k; exact without spin polarisation: the same results to SCF precision, about half the k points);
    the shipped data and the teacher calls use symmetry "off". convergence: SCF criteria instead of CONVERGENCE."""
    from gpaw import GPAW, PW, FermiDirac, Mixer
    symmetry = {"point_group": False, "time_reversal": True} if time_reversal else "off"
    return GPAW(mode=PW(ECUT_EV), xc="PBE", kpts={"size": kpts, "gamma": True},
                occupations=FermiDirac(SMEARING_EV), convergence=convergence or CONVERGENCE,
                mixer=Mixer(MIXER_BETA, 5, 50), symmetry=symmetry, txt=txt)


def run_gpaw(box, kpts, txt, want_stress, calc=None):
    """Energy, free energy, forces, stress (or None) and wall time of box; calc: a calculator to reuse (its
    wave functions and density start the SCF when only the positions changed), else a new one."""
    box.calc = calc if calc is not None else calculator(kpts, txt)
    t0 = time.time()
    free_energy = box.get_potential_energy(force_consistent=True)
    energy = box.get_potential_energy()
    forces = box.get_forces()
    stress = box.get_stress(voigt=True) if want_stress else None
    return energy, free_energy, forces, stress, time.time() - t0


def provenance(kpts, wall_s):
    import ase
    import gpaw
    info = {"code": "GPAW %s" % gpaw.__version__, "ase_version": ase.__version__, "xc": "PBE", "mode": "PW",
            "ecut_eV": ECUT_EV, "kpts": " ".join(str(k) for k in kpts),
            "kpts_type": "Monkhorst-Pack Gamma-centred", "smearing": "Fermi-Dirac %g eV" % SMEARING_EV,
            "vacuum_A": VACUUM_A, "settings": SETTINGS_VERSION, "scf_wall_s": round(wall_s, 1),
            "threads": int(os.environ.get("OMP_NUM_THREADS", "1") or 1), "host": platform.node()}
    try:
        from gpaw import setup_paths
        info["setups"] = ":".join(setup_paths) if setup_paths else "default"
    except Exception:
        pass
    return info


def write_atomic(path, atoms):
    d = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".gpaw_teacher.", suffix=".extxyz", dir=d)
    os.close(fd)
    try:
        write(tmp, atoms, format="extxyz")
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def label(atoms, cache_dir, want_stress, log):
    box = dft_box(atoms)
    kpts = kpoint_grid(box.get_cell().array, atoms.pbc)
    key = cache_key(box, kpts, want_stress)
    cached = os.path.join(cache_dir, key + ".out.extxyz") if cache_dir else None
    if cached and os.path.exists(cached):
        print("gpaw_teacher.py: cached result %s" % key, file=log)
        return read(cached, index=-1, format="extxyz"), key, True
    txt = os.path.join(cache_dir, key + ".gpaw.txt") if cache_dir else "-"
    if cache_dir:
        write_atomic(os.path.join(cache_dir, key + ".in.extxyz"), atoms)
    energy, free_energy, forces, stress, wall = run_gpaw(box, kpts, txt if cache_dir else None, want_stress)
    out = atoms.copy()
    out.info = {k: v for k, v in atoms.info.items() if k not in ("energy", "free_energy", "stress")}
    out.info.update(provenance(kpts, wall))
    out.info["units"] = "eV_angstrom"
    out.info["cache_key"] = key
    results = {"energy": energy, "free_energy": free_energy, "forces": forces}
    if stress is not None:
        # ASE stress = (1/V) dE/d(strain) for the DFT box; HelixFF reads it per the output cell's volume.
        v_box = box.get_volume()
        v_out = abs(np.linalg.det(out.get_cell().array)) if out.get_cell().rank == 3 else v_box
        results["stress"] = stress * v_box / v_out
    out.calc = SinglePointCalculator(out, **results)
    if cached:
        write_atomic(cached, out)
        with open(os.path.join(cache_dir, key + ".json"), "w") as f:
            json.dump({"key": key, "atoms": len(atoms), "energy_eV": energy, "free_energy_eV": free_energy,
                       **out.info}, f, indent=1, default=str)
    return out, key, False


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("input", help="extxyz cell (last frame is labelled)")
    p.add_argument("output", help="extxyz written with energy, free_energy, forces")
    p.add_argument("--cache", default=os.environ.get("HELIXFF_DFT_CACHE"),
                   help="directory of finished calls (resume; the record of every call)")
    p.add_argument("--stress", action="store_true", help="also compute the stress (PW analytic)")
    args = p.parse_args(argv)
    atoms = read(args.input, index=-1, format="extxyz")
    if set(atoms.get_chemical_symbols()) - {"C"}:
        raise SystemExit("gpaw_teacher.py: only carbon is supported by the shipped settings")
    if args.cache:
        os.makedirs(args.cache, exist_ok=True)
    out, key, hit = label(atoms, args.cache, args.stress, sys.stderr)
    write_atomic(args.output, out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
