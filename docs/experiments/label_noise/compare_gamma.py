#!/usr/bin/env python3
"""RMSE of two `helixff phonons` Gamma spectra (gamma.csv of --out directories), the four zero modes left out.

    python3 compare_gamma.py MODEL_DIR TEACHER_DIR
"""
import csv
import sys

import numpy as np


def gamma(d):
    return np.sort(np.array([float(r["frequency_cm1"]) for r in csv.DictReader(open(d + "/gamma.csv"))]))


a, b = gamma(sys.argv[1]), gamma(sys.argv[2])
err = a[4:] - b[4:]
print("RMSE %.2f cm^-1, mean %+.2f, highest %.1f / %.1f" % (np.sqrt(np.mean(err ** 2)), err.mean(), a[-1], b[-1]))
