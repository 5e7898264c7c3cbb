exec(open('/tmp/rank1.py').read().split('print("signs"')[0])
th = np.arctan2(X[:, 1], X[:, 0]) - np.arctan2(X[0, 1], X[0, 0])
far = r > 6.5
def bg(cz, cp):
    B = np.zeros_like(Cr)
    for j in range(N):
        phj = np.array([-np.sin(th[j]), np.cos(th[j]), 0.0]); ph0 = np.array([0.0, 1.0, 0.0]); z = np.array([0, 0, 1.0])
        blk = s[j] * (cz * np.outer(z, z) + cp * np.outer(phj, ph0))   # [a at j, b at 0]
        B[:, j, :] = blk.T
    return B
loc = []
for j in np.where(far)[0]:
    loc.append(rz(th[j]).T @ Cr[:, j, :].T * s[j])
loc = np.array(loc); cz = loc[:, 2, 2].mean(); cp = loc[:, 1, 1].mean()
print("constant staggered couplings: axial %.3f, circumferential %.3f eV/A^2" % (cz, cp))
Cb = Cr - bg(cz, cp); wb = gamma(Cb)
print("full minus both constant terms: RMSE vs full %.2f; far rms of the remainder %.3f (full %.3f)" % (
    rmse(wb, full), np.sqrt(np.mean(Cb[:, far, :] ** 2)), np.sqrt(np.mean(Cr[:, far, :] ** 2))))
ws = np.sort(wb); fs = np.sort(full)
print("  largest shifts:", [(round(a, 1), round(b - a, 1)) for a, b in zip(fs, ws) if abs(b - a) > 2])
for cut in (4.5, 6.0, 7.0, 7.94, 8.5, 9.5, 10.5):
    Ct = Cb.copy(); Ct[:, r > cut, :] = 0
    w = gamma(Ct)
    print("  remainder truncated at %.2f A: vs remainder %.2f, vs full DFT %.2f cm^-1" % (cut, rmse(w, wb), rmse(w, full)))
