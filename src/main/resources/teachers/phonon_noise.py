#!/usr/bin/env python3
"""How much of a finite-displacement Gamma spectrum is DFT noise: the reference's own error bars.

    python3 phonon_noise.py OUTDIR [--sigma auto|EV_A] [--samples 200] [--seed 1] [--json FILE]

OUTDIR is a `dft_phonons.py` output directory (relaxed.extxyz, displacements.extxyz in the order +x -x +y -y +z -z
of atom 0, reference.json). The SCF leaves a force noise sigma on every component (GPAW's force convergence
criterion is 1e-3 eV/A); with +-delta displacements a force-constant entry carries sigma / (sqrt(2) delta) of it,
and the soft collective modes (ring m = 2, RBM) are sums of many small entries, so their frequencies can be
dominated by it.

sigma: `auto` estimates it from the data themselves. The force constants expanded from the one measured column
must be symmetric, Phi(a, b) = Phi(b, a)^T; their asymmetry is noise (central differences leave only third-order
terms, delta^2 smaller): two independent entries of variance sigma^2 / (2 delta^2) each, so
sigma = delta * rms(Phi(a, b) - Phi(b, a)^T). Then the six force sets are perturbed by Gaussian noise of that sigma
`--samples` times, the force constants rebuilt exactly as dft_phonons.py does (line-group expansion, phonopy's
symmetrisation) and the Gamma frequencies recomputed. Printed (and written as JSON): sigma, per mode (sorted) the
reference frequency and the standard deviation over the samples, and the RMSE between the noisy replicas and the
reference over all modes but the four lowest: the RMSE a perfect model would show against this reference.
"""
import argparse
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dft_phonons  # noqa: E402
from ase.io import read  # noqa: E402

def raw_force_constants(atoms, forces, delta, ops):
    natoms = len(atoms)
    column = np.zeros((natoms, 3, 3))
    for a in range(3):
        column[:, :, a] = -(forces[2 * a] - forces[2 * a + 1]) / (2 * delta)
    fc = np.zeros((natoms, natoms, 3, 3))
    dft_phonons.expand_column(column, ops, fc)
    return fc


def estimate_sigma(atoms, forces, delta, ops):
    """sigma = delta * rms of the asymmetry Phi(a, b) - Phi(b, a)^T over the pairs a < b."""
    fc = raw_force_constants(atoms, forces, delta, ops)
    asym = fc - fc.transpose(1, 0, 3, 2)
    iu = np.triu_indices(len(atoms), k=1)
    return float(delta * np.sqrt(np.mean(asym[iu[0], iu[1]] ** 2)))


def gamma_from_forces(atoms, forces, delta, ops, outdir):
    return dft_phonons.phonopy_gamma(atoms, raw_force_constants(atoms, forces, delta, ops), outdir)


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("outdir")
    p.add_argument("--sigma", default="auto", help="force noise per component, eV/A, or auto (default)")
    p.add_argument("--samples", type=int, default=200)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--json", help="write the result here (default: OUTDIR/noise.json)")
    args = p.parse_args(argv)
    relaxed = read(os.path.join(args.outdir, "relaxed.extxyz"))
    disp = read(os.path.join(args.outdir, "displacements.extxyz"), index=":")
    if len(disp) != 6:
        raise SystemExit("phonon_noise.py: %s has %d displaced cells, expected 6" % (args.outdir, len(disp)))
    ref = json.load(open(os.path.join(args.outdir, "reference.json")))
    delta = float(ref["displacement_A"])
    atoms = relaxed.copy()
    atoms.calc = None
    ops, _ = dft_phonons.line_group_ops(atoms)
    if len(ops) < len(atoms):
        raise SystemExit("phonon_noise.py: atom 0 does not reach every atom under the tube's operations")
    forces = [d.get_forces() for d in disp]
    if args.sigma == "auto":
        sigma = estimate_sigma(atoms, forces, delta, ops)
        how = "from the asymmetry of the expanded force constants"
    else:
        sigma, how = float(args.sigma), "given"
    scratch = os.path.join(args.outdir, ".noise-scratch")
    os.makedirs(scratch, exist_ok=True)
    try:
        base = gamma_from_forces(atoms, forces, delta, ops, scratch)
        rng = np.random.default_rng(args.seed)
        samples = []
        for s in range(args.samples):
            noisy = [f + rng.normal(0.0, sigma, f.shape) for f in forces]
            samples.append(gamma_from_forces(atoms, noisy, delta, ops, scratch))
            if (s + 1) % 50 == 0:
                print("phonon_noise.py: %d of %d samples" % (s + 1, args.samples), file=sys.stderr, flush=True)
    finally:
        for f in os.listdir(scratch):
            os.remove(os.path.join(scratch, f))
        os.rmdir(scratch)
    samples = np.array(samples)
    std = samples.std(axis=0)
    rmse = np.sqrt(np.mean((samples[:, 4:] - base[None, 4:]) ** 2))
    out = {"reference": os.path.basename(os.path.abspath(args.outdir)), "sigma_eV_A": sigma, "sigma_source": how,
           "displacement_A": delta, "samples": args.samples, "seed": args.seed,
           "gamma_cm-1": [float(x) for x in base], "gamma_std_cm-1": [float(x) for x in std],
           "perfect_model_rmse_cm-1": float(rmse),
           "note": "RMSE of noisy replicas against the reference over all modes but the four lowest",
           "command": "python3 teachers/phonon_noise.py %s --samples %d --seed %d"
                      % (os.path.basename(os.path.abspath(args.outdir)), args.samples, args.seed)}
    path = args.json or os.path.join(args.outdir, "noise.json")
    tmp = path + ".partial"
    with open(tmp, "w") as fh:
        json.dump(out, fh, indent=1)
    os.replace(tmp, path)
    print("phonon_noise.py: sigma %.2e eV/A (%s); perfect-model RMSE %.2f cm^-1; largest mode std %.1f cm^-1"
          % (sigma, how, rmse, std.max()))
    for f, s in zip(base, std):
        if s > 2.0:
            print("  %9.2f cm^-1 +- %.1f" % (f, s))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
