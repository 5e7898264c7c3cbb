#!/usr/bin/env python3
"""Gamma phonons of a carbon nanotube by GPAW finite displacements: HelixFF's own DFT phonon reference.

    python3 dft_phonons.py N M --out DIR --cache DIR [--bond 1.424] [--fmax 0.002] [--delta 0.01]
                           [--calculator gpaw|emt]

1. Roll up (N,M) with ASE (ase.build.nanotube, bond --bond A), one translational period T, tube axis along z,
   in a square box whose lateral size (tube diameter + 10 A of vacuum, rounded up to 0.5 A) stays fixed for the
   whole run. k points along the axis only (N_k * T >= 29.5 A), as gpaw_teacher.py.
2. Relax positions and the axial period with GPAW at the shipped settings (gpaw_teacher.py: PBE, PW 450 eV,
   Fermi-Dirac 0.05 eV): ASE BFGS on a filter that lets only the zz strain change, with FixSymmetry (spglib)
   keeping the box's crystallographic symmetry, to --fmax eV/A on atoms and on the axial cell force.
3. Find the tube's line-group operations that a box can not hold (rotations by any angle about the axis,
   screws, C2 axes perpendicular to it, mirrors) by mapping atoms onto atoms, and take one atom per orbit
   (one for every single-wall tube).
4. Displace that atom by +-delta along x, y and z (6 GPAW calls per orbit) and build the Gamma force constants
   of the whole cell from the measured columns with the operations: Phi(g a, g b) = R Phi(a, b) R^T.
   The raw asymmetry Phi(a,b) - Phi(b,a)^T and the translational sum-rule violation are reported, then
   phonopy symmetrizes the force constants (translational sum rule, index symmetry).
5. phonopy diagonalises the Gamma dynamical matrix. Written to --out: relaxed.extxyz, displacements.extxyz
   (every labelled call), FORCE_CONSTANTS, phonopy_params.yaml (phonopy files HelixFF's `analyze` reads),
   gamma.csv and reference.json (frequencies in cm^-1 and the provenance: code versions, settings, wall
   time of every call, residual forces and stress, symmetry and sum-rule diagnostics).

Resumable: every call (relaxation steps included) is stored in --cache under a key made of the atoms, the
box and the settings; a rerun replays the finished calls from the cache (BFGS is deterministic) and never
repeats one. --calculator emt runs the same pipeline with ASE's EMT (seconds; for testing the pipeline).
Run on one core (OMP_NUM_THREADS=1). Progress on stderr.
"""
import argparse
import hashlib
import json
import math
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gpaw_teacher  # noqa: E402
from ase.build import nanotube  # noqa: E402
from ase.calculators.calculator import Calculator, all_changes  # noqa: E402
from ase.calculators.singlepoint import SinglePointCalculator  # noqa: E402
from ase.io import read, write  # noqa: E402

THZ_TO_CM = 33.35640951981520
SYMMETRY_TOL_A = 2e-3


def log(msg):
    print("dft_phonons.py: " + msg, file=sys.stderr, flush=True)


def axial_kpts(atoms):
    return [1, 1, max(1, int(math.ceil(gpaw_teacher.K_DENSITY_A / atoms.cell[2][2] - 1e-3)))]


# SCF force criterion, eV/A, when --scf-forces tightens it (None: the shipped CONVERGENCE); part of every call's key
SCF_FORCES = None


def convergence():
    c = dict(gpaw_teacher.CONVERGENCE)
    if SCF_FORCES is not None:
        c["forces"] = SCF_FORCES
    return c


def call_key(atoms, kpts, calculator, want_stress):
    h = hashlib.sha256()
    h.update(("dft_phonons-2 " + calculator + " " + gpaw_teacher.SETTINGS_VERSION).encode())
    if SCF_FORCES is not None:
        h.update(("scf_forces %.3e" % SCF_FORCES).encode())
    h.update(np.round(atoms.get_cell().array, 5).tobytes())
    h.update(np.round(atoms.get_positions(), 5).tobytes())
    h.update(np.asarray(atoms.numbers, dtype=np.int64).tobytes())
    h.update(json.dumps({"kpts": kpts, "stress": bool(want_stress)}).encode())
    return h.hexdigest()[:24]


class CachedTeacher(Calculator):
    """Energy, forces and stress of the fixed box (pbc T T T for the code, k points along the axis only)."""
    implemented_properties = ["energy", "free_energy", "forces", "stress"]

    def __init__(self, cache, calculator, record):
        Calculator.__init__(self)
        self.cache = cache
        self.calculator = calculator
        self.record = record    # list of (key, wall_s, cached) per call

    def calculate(self, atoms=None, properties=("energy",), system_changes=all_changes):
        Calculator.calculate(self, atoms, properties, system_changes)
        self.results = dict(label_box(self.atoms, self.cache, self.calculator, True, self.record).calc.results)


_REUSE = {}


REPLAY_TOL_A = 1e-4
_INDEX = {}


def nearby_call(box, cache, calculator, kpts, want_stress):
    """Key of a finished call on the same atoms within REPLAY_TOL_A (positions and cell), or None.

    A replayed relaxation reads forces and stress back from the cache files (printed to ~1e-8): its next positions
    differ from the first run's by ~1e-9 A, enough to change a key made of positions rounded to 1e-5 A. Finished
    calls are matched by distance instead, so a rerun still repeats none."""
    for name in sorted(os.listdir(cache)):
        if not name.endswith(".out.extxyz"):
            continue
        key = name[:-len(".out.extxyz")]
        if key not in _INDEX:
            out = read(os.path.join(cache, name), index=-1, format="extxyz")
            _INDEX[key] = (out.get_cell().array.copy(), out.get_positions().copy(), out.numbers.copy(),
                           "stress" in out.calc.results, str(out.info.get("code", "")),
                           [int(k) for k in np.ravel(np.asarray(out.info["kpts"], dtype=object)).tolist()
                            for k in str(k).split()] if "kpts" in out.info else None,
                           out.info.get("scf_forces_eV_A"))
        cell, pos, numbers, has_stress, code, okpts, scf = _INDEX[key]
        if (scf is None) != (SCF_FORCES is None) or (scf is not None and abs(float(scf) - SCF_FORCES) > 1e-12):
            continue
        if (len(numbers) != len(box) or not np.array_equal(numbers, box.numbers) or has_stress != bool(want_stress)
                or (okpts is not None and okpts != [int(k) for k in kpts])
                or (calculator == "gpaw") != code.startswith("GPAW")):
            continue
        if (np.abs(cell - box.get_cell().array).max() <= REPLAY_TOL_A
                and np.abs(pos - box.get_positions()).max() <= REPLAY_TOL_A):
            return key
    return None


def label_box(atoms, cache, calculator, want_stress, record, reuse=None):
    """One cached call on the fixed box. reuse: a name; calls with the same name and cell share one GPAW
    calculator, so each SCF starts from the previous call's wave functions and density (the finite
    displacements of one structure: about half the SCF iterations). The result does not depend on it beyond
    the SCF tolerance; the log of such a series is cache/<name>.gpaw.txt."""
    box = atoms.copy()
    box.constraints = []
    box.calc = None
    box.pbc = [True, True, True]
    kpts = axial_kpts(box)
    key = call_key(box, kpts, calculator, want_stress)
    path = os.path.join(cache, key + ".out.extxyz")
    if not os.path.exists(path):
        near = nearby_call(box, cache, calculator, kpts, want_stress)
        if near is not None:
            key, path = near, os.path.join(cache, near + ".out.extxyz")
    if os.path.exists(path):
        out = read(path, index=-1, format="extxyz")
        record.append({"key": key, "wall_s": float(out.info.get("scf_wall_s", 0.0)), "cached": True})
        return out
    gpaw_teacher.write_atomic(os.path.join(cache, key + ".in.extxyz"), box)
    t0 = time.time()
    if calculator == "gpaw":
        if reuse is not None:
            shared = _REUSE.get(reuse)
            if shared is None or not np.allclose(shared[0], box.get_cell().array):
                shared = (box.get_cell().array.copy(),
                          gpaw_teacher.calculator(kpts, os.path.join(cache, reuse + ".gpaw.txt"), True,
                                                  convergence()))
                _REUSE[reuse] = shared
            calc = shared[1]
        else:
            calc = gpaw_teacher.calculator(kpts, os.path.join(cache, key + ".gpaw.txt"), True, convergence())
        energy, free_energy, forces, stress, wall = gpaw_teacher.run_gpaw(
            box, kpts, os.path.join(cache, key + ".gpaw.txt"), want_stress, calc)
        info = gpaw_teacher.provenance(kpts, wall)
        info["symmetry"] = "k points reduced by time reversal only"
        if SCF_FORCES is not None:
            info["scf_forces_eV_A"] = SCF_FORCES
        if reuse is not None:
            info["scf_start"] = "previous call of series %s (log %s.gpaw.txt)" % (reuse, reuse)
            box.calc = None
    else:
        box.calc = other_calculator(calculator, box)
        energy = free_energy = box.get_potential_energy()
        forces = box.get_forces()
        stress = box.get_stress(voigt=True) if want_stress else None
        box.calc = None
        wall = time.time() - t0
        info = {"code": calculator + " (pipeline check, not DFT)", "scf_wall_s": round(wall, 3)}
    out = box.copy()
    out.info = dict(info)
    out.info["units"] = "eV_angstrom"
    out.info["cache_key"] = key
    results = {"energy": energy, "free_energy": free_energy, "forces": forces}
    if stress is not None:
        results["stress"] = stress
    out.calc = SinglePointCalculator(out, **results)
    gpaw_teacher.write_atomic(path, out)
    with open(os.path.join(cache, key + ".json"), "w") as f:
        json.dump({"key": key, "atoms": len(box), "energy_eV": energy, **out.info}, f, indent=1, default=str)
    record.append({"key": key, "wall_s": round(wall, 1), "cached": False})
    log("call %s: %d atoms, %.0f s, E = %.6f eV" % (key, len(box), wall, energy))
    return out


_OTHER = {}


def other_calculator(name, atoms):
    """ASE EMT or a HelixFF model over its i-PI socket (python/helixff_ase.py): checks of the pipeline."""
    if name == "emt":
        from ase.calculators.emt import EMT
        return EMT()
    if name not in _OTHER:
        # python/helixff_ase.py of the HelixFF checkout: $HELIXFF_ASE_DIR, else next to this script's source tree
        for d in (os.environ.get("HELIXFF_ASE_DIR"),
                  os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "python")):
            if d and os.path.exists(os.path.join(d, "helixff_ase.py")):
                sys.path.insert(0, d)
                break
        from helixff_ase import HelixFF
        _OTHER[name] = HelixFF(model=name.split(":", 1)[1])
    return _OTHER[name]


def build_tube(n, m, bond, start=None):
    """The roll-up of (n, m), or the atoms of start (an extxyz file: one period along z, e.g. the tube relaxed
    by a cheaper model), in the square box centred on the axis."""
    if start:
        tube = read(start, index=-1, format="extxyz")
        tube.calc = None
        tube.constraints = []
        centre = tube.positions[:, :2].mean(axis=0)
        tube.positions[:, :2] -= centre
        if len(tube) != len(nanotube(n, m, length=1)):
            raise SystemExit("dft_phonons.py: %s has %d atoms, one period of (%d,%d) has %d"
                             % (start, len(tube), n, m, len(nanotube(n, m, length=1))))
    else:
        tube = nanotube(n, m, length=1, bond=bond, symbol="C")
    radius = np.max(np.hypot(tube.positions[:, 0], tube.positions[:, 1]))
    side = math.ceil((2 * radius + gpaw_teacher.VACUUM_A) * 2) / 2
    cell = tube.get_cell().array.copy()
    cell[2] = [0, 0, tube.cell[2][2]]
    cell[0] = [side, 0, 0]
    cell[1] = [0, side, 0]
    tube.set_cell(cell)
    tube.positions[:, 0] += side / 2 - 0.0
    tube.positions[:, 1] += side / 2 - 0.0
    tube.pbc = [True, True, True]
    tube.wrap()
    return tube


class AxialFilter:
    """Positions plus the zz strain of the cell as degrees of freedom (the lateral box stays fixed)."""

    def __init__(self, atoms):
        self.atoms = atoms
        self.cell0 = atoms.get_cell().array.copy()
        # scales the strain so that its stiffness is comparable with the atoms' (BFGS starts from one Hessian)
        self.factor = math.sqrt(len(atoms))

    def __len__(self):
        return len(self.atoms) + 1

    def _strain(self):
        return self.atoms.cell[2][2] / self.cell0[2][2] - 1.0

    def get_positions(self):
        scaled = self.atoms.get_positions().copy()
        scaled[:, 2] /= 1.0 + self._strain()
        extra = np.array([[0.0, 0.0, self.factor * self._strain()]])
        return np.vstack([scaled, extra])

    def set_positions(self, new):
        eps = new[-1][2] / self.factor
        cell = self.cell0.copy()
        cell[2] = cell[2] * (1.0 + eps)
        pos = new[:-1].copy()
        pos[:, 2] *= 1.0 + eps
        # scale with the cell first: FixSymmetry symmetrizes the step that set_positions makes, in the fractional
        # coordinates of the new cell, and would remove the axial scaling of atoms that sit on mirror planes
        self.atoms.set_cell(cell, scale_atoms=True)
        self.atoms.set_positions(pos)

    def get_forces(self):
        f = self.atoms.get_forces().copy()
        eps = self._strain()
        f[:, 2] *= 1.0 + eps
        stress = self.atoms.get_stress(voigt=True)
        dE_deps = stress[2] * self.atoms.get_volume()
        extra = np.array([[0.0, 0.0, -dE_deps / (1.0 + eps) / self.factor]])
        return np.vstack([f, extra])

    def get_potential_energy(self, force_consistent=False):
        return self.atoms.get_potential_energy(force_consistent=force_consistent)

    def axial_force(self):
        return self.get_forces()[-1][2]


def relax(tube, cache, calculator, fmax, record, max_steps=60, accept=None):
    """BFGS to fmax; when max_steps is reached first, the last structure is kept if its largest residual (atoms
    and axial) is at most accept (eV/A), else the run stops. GPAW's forces carry noise of ~0.005 eV/A (symmetry
    off, real-space grid), and the breathing direction is ~30 times softer than a bond (k ~ 2 eV/A^2 for (8,8)
    against BFGS's starting 70 eV/A^2): its last few meV/A take many steps of a few 1e-4 A whose force changes are
    below that noise."""
    from ase.optimize import BFGS
    from ase.spacegroup.symmetrize import FixSymmetry
    atoms = tube.copy()
    atoms.set_constraint(FixSymmetry(atoms, symprec=1e-4))
    atoms.calc = CachedTeacher(cache, calculator, record)
    filt = AxialFilter(atoms)
    opt = BFGS(filt, maxstep=0.04, logfile=None)
    step = 0
    # ASE reads steps=0 as "no limit": --relax-steps 0 (evaluate the start, no step) is handled here
    for _ in (opt.irun(fmax=fmax, steps=max_steps) if max_steps > 0 else [None]):
        f = filt.get_forces()
        log("relax step %d: E = %.6f eV, max atom force %.2e eV/A, axial %.2e eV/A, T = %.5f A"
            % (step, atoms.get_potential_energy(), np.abs(f[:-1]).max(), abs(f[-1][2]),
               atoms.cell[2][2]))
        step += 1
    f = filt.get_forces()
    residual = float(np.linalg.norm(f, axis=1).max())
    limit = fmax if accept is None else max(fmax, accept)
    if residual > limit:
        raise SystemExit("dft_phonons.py: relaxation did not reach %.3g eV/A in %d steps (residual %.3g eV/A)"
                         % (limit, max_steps, residual))
    if residual > fmax:
        log("relaxation stopped after %d steps at residual %.3g eV/A (accepted: --accept %.3g)"
            % (max_steps, residual, accept))
    relaxed = atoms.copy()
    relaxed.constraints = []
    relaxed.calc = SinglePointCalculator(relaxed, **atoms.calc.results)
    return relaxed, float(np.abs(atoms.get_forces()).max()), float(atoms.get_stress(voigt=True)[2]), opt.nsteps


def rotz(theta):
    c, s = math.cos(theta), math.sin(theta)
    return np.array([[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]])


def line_group_ops(atoms):
    """Operations (R, t_z, permutation) of the tube about the box centre, found by mapping atom 0 on atom k."""
    centre = np.array([atoms.cell[0][0] / 2, atoms.cell[1][1] / 2, 0.0])
    period = atoms.cell[2][2]
    rel = atoms.get_positions() - centre
    phi = np.arctan2(rel[:, 1], rel[:, 0])
    flips = {"rot": np.diag([1.0, 1.0, 1.0]), "c2x": np.diag([1.0, -1.0, -1.0]),
             "mirror_v": np.diag([1.0, -1.0, 1.0]), "mirror_h": np.diag([1.0, 1.0, -1.0])}

    def test(R, tz):
        img = rel @ R.T
        img[:, 2] += tz
        perm = np.empty(len(atoms), dtype=int)
        worst = 0.0
        for a in range(len(atoms)):
            d = rel - img[a]
            d[:, 2] -= period * np.round(d[:, 2] / period)
            dist = np.linalg.norm(d, axis=1)
            b = int(np.argmin(dist))
            if dist[b] > SYMMETRY_TOL_A:
                return None, None
            perm[a] = b
            worst = max(worst, dist[b])
        if len(set(perm.tolist())) != len(atoms):
            return None, None
        return perm, worst

    ops = {}
    worst_all = 0.0
    for name, F in flips.items():
        for k in range(len(atoms)):
            if k in ops:
                continue
            # R = Rz(theta) F maps atom 0 onto atom k: theta from the angles, tz from the heights
            f0 = F @ rel[0]
            theta = phi[k] - math.atan2(f0[1], f0[0])
            R = rotz(theta) @ F
            tz = rel[k][2] - (R @ rel[0])[2]
            perm, worst = test(R, tz)
            if perm is None or perm[0] != k:
                continue
            ops[k] = (R, tz, perm, name)
            worst_all = max(worst_all, worst)
            # the same operation applied to other atoms gives more of the orbit: not needed, keep it simple
    return ops, worst_all


def expand_column(column, ops, fc):
    """Fill fc[:, k] for every operation k of ops from the measured column Phi(b, rep) (column[b][:, alpha]):
    Phi(perm[b], k) = R Phi(b, rep) R^T."""
    for k, (R, tz, perm, name) in ops.items():
        for b in range(len(column)):
            fc[perm[b], k] = R @ column[b] @ R.T


def build_force_constants(atoms, cache, calculator, delta, record):
    natoms = len(atoms)
    ops, worst = line_group_ops(atoms)
    orbits = []
    covered = set()
    reps = []
    if len(ops) < natoms:
        # atoms not reached from atom 0 need their own displacements: take the first uncovered one each time
        log("line group maps atom 0 onto %d of %d atoms" % (len(ops), natoms))
    fc = np.zeros((natoms, natoms, 3, 3))
    filled = np.zeros(natoms, dtype=bool)
    frames = []
    rep = 0
    while True:
        rep_ops = ops if rep == 0 else {}
        if rep != 0:
            raise SystemExit("dft_phonons.py: atom %d is not equivalent to atom 0 under the tube's operations "
                             "(tolerance %.0e A); not supported" % (rep, SYMMETRY_TOL_A))
        column = np.zeros((natoms, 3, 3))  # column[b][:, alpha] = Phi(b, rep)[:, alpha]
        for alpha in range(3):
            forces = []
            for sign in (1.0, -1.0):
                disp = atoms.copy()
                disp.calc = None
                pos = disp.get_positions()
                pos[rep][alpha] += sign * delta
                disp.set_positions(pos)
                out = label_box(disp, cache, calculator, False, record,
                                reuse="displacements-" + call_key(atoms, axial_kpts(atoms), calculator, True))
                frames.append(out)
                forces.append(out.get_forces())
                log("displacement %s%s of atom %d done (%d of 6)"
                    % ("+" if sign > 0 else "-", "xyz"[alpha], rep, 2 * alpha + (1 if sign > 0 else 2)))
            column[:, :, alpha] = -(forces[0] - forces[1]) / (2 * delta)
        reps.append(rep)
        expand_column(column, rep_ops, fc)
        for k in rep_ops:
            filled[k] = True
        if rep == 0 and 0 not in rep_ops:
            fc[:, 0] = column
            filled[0] = True
        covered = set(np.nonzero(filled)[0].tolist())
        if len(covered) == natoms:
            break
        rep = min(set(range(natoms)) - covered)
    asym = np.abs(fc - fc.transpose(1, 0, 3, 2)).max()
    asr = np.abs(fc.sum(axis=1)).max()
    return fc, {"representatives": reps, "operations_used": sorted({ops[k][3] for k in ops}),
                "symmetry_mismatch_A": worst, "raw_asymmetry_eV_A2": float(asym),
                "raw_translational_sum_rule_eV_A2": float(asr), "max_fc_eV_A2": float(np.abs(fc).max())}, frames


def phonopy_gamma(atoms, fc, outdir):
    from phonopy import Phonopy
    from phonopy.file_IO import write_FORCE_CONSTANTS
    from phonopy.structure.atoms import PhonopyAtoms
    unit = PhonopyAtoms(symbols=atoms.get_chemical_symbols(), cell=atoms.get_cell().array,
                        scaled_positions=atoms.get_scaled_positions())
    ph = Phonopy(unit, supercell_matrix=np.eye(3, dtype=int), primitive_matrix=np.eye(3))
    ph.force_constants = fc.transpose(0, 1, 2, 3).copy()
    ph.symmetrize_force_constants()
    write_FORCE_CONSTANTS(ph.force_constants, filename=os.path.join(outdir, "FORCE_CONSTANTS"))
    ph.save(filename=os.path.join(outdir, "phonopy_params.yaml"), settings={"force_constants": True})
    freqs = ph.get_frequencies([0.0, 0.0, 0.0]) * THZ_TO_CM
    return np.sort(freqs)


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("n", type=int)
    p.add_argument("m", type=int)
    p.add_argument("--out", required=True)
    p.add_argument("--cache", required=True)
    p.add_argument("--bond", type=float, default=1.424, help="C-C bond of the starting roll-up, A")
    p.add_argument("--start", help="starting structure instead of the roll-up (extxyz, one period along z)")
    p.add_argument("--fmax", type=float, default=0.002, help="relaxation tolerance, eV/A")
    p.add_argument("--delta", type=float, default=0.01, help="finite displacement, A")
    p.add_argument("--scf-forces", type=float, default=None,
                   help="SCF force criterion, eV/A (default: the shipped 1e-3); tighter criteria lower the noise of"
                        " the force constants (see phonon_noise.py)")
    p.add_argument("--relax-steps", type=int, default=60, help="largest number of BFGS steps")
    p.add_argument("--accept", type=float, default=None,
                   help="largest residual force (eV/A) accepted when --relax-steps is reached before --fmax")
    p.add_argument("--calculator", default="gpaw",
                   help="gpaw (the reference), or checks of the pipeline: emt, helixff:MODEL (e.g. helixff:tersoff-lb;"
                        " needs python/helixff_ase.py and the HelixFF jar, see $HELIXFF_JAR)")
    args = p.parse_args(argv)
    if args.calculator not in ("gpaw", "emt") and not args.calculator.startswith("helixff:"):
        p.error("--calculator must be gpaw, emt or helixff:MODEL")
    global SCF_FORCES
    SCF_FORCES = args.scf_forces
    os.makedirs(args.out, exist_ok=True)
    os.makedirs(args.cache, exist_ok=True)
    t0 = time.time()
    record = []
    tube = build_tube(args.n, args.m, args.bond, args.start)
    log("(%d,%d): %d atoms, period %.4f A, box %.1f A, k points %s"
        % (args.n, args.m, len(tube), tube.cell[2][2], tube.cell[0][0], axial_kpts(tube)))
    relaxed, fres, szz, steps = relax(tube, args.cache, args.calculator, args.fmax, record, args.relax_steps,
                                      args.accept)
    relax_calls = len(record)
    gpaw_teacher.write_atomic(os.path.join(args.out, "relaxed.extxyz"), relaxed)
    fc, diag, frames = build_force_constants(relaxed, args.cache, args.calculator, args.delta, record)
    write(os.path.join(args.out, "displacements.extxyz.partial"), frames, format="extxyz")
    os.replace(os.path.join(args.out, "displacements.extxyz.partial"), os.path.join(args.out, "displacements.extxyz"))
    freqs = phonopy_gamma(relaxed, fc, args.out)
    with open(os.path.join(args.out, "gamma.csv.partial"), "w") as f:
        f.write("index,frequency_cm-1\n")
        for i, w in enumerate(freqs):
            f.write("%d,%.4f\n" % (i, w))
    os.replace(os.path.join(args.out, "gamma.csv.partial"), os.path.join(args.out, "gamma.csv"))
    pos = relaxed.get_positions()
    centre = np.array([relaxed.cell[0][0] / 2, relaxed.cell[1][1] / 2])
    radius = np.hypot(pos[:, 0] - centre[0], pos[:, 1] - centre[1])
    import ase
    try:
        import gpaw
        code = "GPAW %s" % gpaw.__version__
    except ImportError:
        code = "none"
    import phonopy
    ref = {"tube": [args.n, args.m], "atoms": len(relaxed), "calculator": args.calculator,
           "code": code if args.calculator == "gpaw" else "ASE EMT", "ase": ase.__version__,
           "phonopy": phonopy.__version__,
           "settings": {"xc": "PBE", "mode": "PW", "ecut_eV": gpaw_teacher.ECUT_EV,
                        "smearing": "Fermi-Dirac %g eV" % gpaw_teacher.SMEARING_EV,
                        "kpts": axial_kpts(relaxed), "box_A": relaxed.cell[0][0],
                        "convergence": convergence(), "settings_version": gpaw_teacher.SETTINGS_VERSION},
           "relaxation": {"fmax_eV_A": args.fmax, "max_steps": args.relax_steps, "accept_eV_A": args.accept,
                          "steps": steps, "calls": relax_calls,
                          "max_residual_force_eV_A": fres, "stress_zz_eV_A3": szz,
                          "period_A": relaxed.cell[2][2], "radius_A": float(radius.mean()),
                          "radius_spread_A": float(radius.max() - radius.min()),
                          "starting_bond_A": None if args.start else args.bond,
                          "start": os.path.basename(args.start) if args.start else "ASE roll-up"},
           "displacement_A": args.delta, "force_constants": diag,
           "gamma_cm-1": [round(float(w), 4) for w in freqs],
           "calls": record, "dft_wall_s": round(sum(r["wall_s"] for r in record), 1),
           "run_wall_s": round(time.time() - t0, 1),
           "command": "python3 dft_phonons.py %d %d --out DIR --cache DIR --bond %g --fmax %g --delta %g --calculator %s"
                      " --relax-steps %d%s%s%s"
                      % (args.n, args.m, args.bond, args.fmax, args.delta, args.calculator, args.relax_steps,
                         " --accept %g" % args.accept if args.accept is not None else "",
                         " --start " + os.path.basename(args.start) if args.start else "",
                         " --scf-forces %g" % args.scf_forces if args.scf_forces is not None else "")}
    tmp = os.path.join(args.out, "reference.json.partial")
    with open(tmp, "w") as f:
        json.dump(ref, f, indent=1)
    os.replace(tmp, os.path.join(args.out, "reference.json"))
    for calc in _OTHER.values():
        calc.close()
    log("done: %d calls (%d from the cache), Gamma %s ... %.1f cm^-1"
        % (len(record), sum(1 for r in record if r["cached"]), " ".join("%.1f" % w for w in freqs[:6]), freqs[-1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
