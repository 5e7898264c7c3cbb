package org.helixff.descriptor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.helixff.InvalidInputException;

/**
 * Parameters of the SOAP power spectrum (docs/method.md section 2). Immutable, validated. The
 * {@link #hash()} is a stable fingerprint of every field (SHA-256 of a canonical text form) stored in
 * everything computed from these parameters, so that descriptors and models made with different
 * parameters can never be mixed.
 *
 * @param cutoff      r_c in Bohr, (0, {@value #MAX_CUTOFF}]
 * @param sigma       Gaussian smearing width in Bohr, [0.1, r_c/2]
 * @param nmax        radial functions per l, [1, 20]
 * @param lmax        largest angular momentum, [0, 12]
 * @param radialBasis name of the radial basis ("spherical-bessel")
 */
public record SoapParameters(double cutoff, double sigma, int nmax, int lmax, String radialBasis) {
    /** Largest supported cutoff (Bohr): the radial tables and image searches are sized for it. */
    public static final double MAX_CUTOFF = 30.0;
    /** The radial basis of the method: spherical Bessel functions j_l(u_ln r / r_c). */
    public static final String SPHERICAL_BESSEL = "spherical-bessel";

    public SoapParameters {
        if (!(cutoff > 0) || !Double.isFinite(cutoff)) {
            throw new InvalidInputException("SOAP cutoff r_c = " + cutoff + " Bohr must be > 0");
        }
        if (cutoff > MAX_CUTOFF) {
            throw new InvalidInputException("SOAP cutoff r_c = " + cutoff + " Bohr is above the supported "
                    + MAX_CUTOFF + " Bohr");
        }
        if (!(sigma >= 0.1) || !(sigma <= cutoff / 2) || !Double.isFinite(sigma)) {
            throw new InvalidInputException("SOAP sigma = " + sigma + " Bohr must lie in [0.1, r_c/2 = "
                    + cutoff / 2 + "]");
        }
        if (nmax < 1 || nmax > 20) {
            throw new InvalidInputException("SOAP Nmax = " + nmax + " must lie in [1, 20]");
        }
        if (lmax < 0 || lmax > 12) {
            throw new InvalidInputException("SOAP Lmax = " + lmax + " must lie in [0, 12]");
        }
        if (radialBasis == null || !radialBasis.equals(SPHERICAL_BESSEL)) {
            throw new InvalidInputException("SOAP radial basis '" + radialBasis + "' is not supported (use '"
                    + SPHERICAL_BESSEL + "')");
        }
    }

    /** r_c = 10 Bohr, sigma = 1 Bohr, Nmax = 8, Lmax = 6, spherical Bessel basis. */
    public static SoapParameters defaults() {
        return new SoapParameters(10.0, 1.0, 8, 6, SPHERICAL_BESSEL);
    }

    /** Same parameters with another Nmax. */
    public SoapParameters withNmax(int n) {
        return new SoapParameters(cutoff, sigma, n, lmax, radialBasis);
    }

    /** Same parameters with another Lmax. */
    public SoapParameters withLmax(int l) {
        return new SoapParameters(cutoff, sigma, nmax, l, radialBasis);
    }

    /** Same parameters with another cutoff. */
    public SoapParameters withCutoff(double rc) {
        return new SoapParameters(rc, sigma, nmax, lmax, radialBasis);
    }

    /** Same parameters with another sigma. */
    public SoapParameters withSigma(double s) {
        return new SoapParameters(cutoff, s, nmax, lmax, radialBasis);
    }

    /** D = Nmax (Nmax + 1) / 2 (Lmax + 1). */
    public int descriptorLength() {
        return nmax * (nmax + 1) / 2 * (lmax + 1);
    }

    /** Canonical text form: every field, fixed order, round-trip exact numbers. */
    public String canonical() {
        return String.format(Locale.ROOT, "soap;cutoff=%s;sigma=%s;nmax=%d;lmax=%d;radial=%s",
                Double.toString(cutoff), Double.toString(sigma), nmax, lmax, radialBasis);
    }

    /** Stable fingerprint: the first 16 hex digits of SHA-256 of {@link #canonical()}. */
    public String hash() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(canonical().getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                sb.append(String.format("%02x", d[i]));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As a JSON-ready map (keys cutoff_bohr, sigma_bohr, nmax, lmax, radial_basis, hash). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cutoff_bohr", cutoff);
        m.put("sigma_bohr", sigma);
        m.put("nmax", nmax);
        m.put("lmax", lmax);
        m.put("radial_basis", radialBasis);
        m.put("hash", hash());
        return m;
    }

    /**
     * From a map as written by {@link #toMap()}; when it holds a "hash" it must match.
     *
     * @throws InvalidInputException on missing or invalid fields or a hash mismatch
     */
    public static SoapParameters fromMap(Map<String, ?> m) {
        try {
            SoapParameters p = new SoapParameters(((Number) m.get("cutoff_bohr")).doubleValue(),
                    ((Number) m.get("sigma_bohr")).doubleValue(), ((Number) m.get("nmax")).intValue(),
                    ((Number) m.get("lmax")).intValue(), (String) m.get("radial_basis"));
            Object h = m.get("hash");
            if (h != null && !p.hash().equals(h)) {
                throw new InvalidInputException("SOAP parameter hash " + h + " does not match the parameters ("
                        + p.hash() + ")");
            }
            return p;
        } catch (NullPointerException | ClassCastException e) {
            throw new InvalidInputException("SOAP parameters incomplete or mistyped: " + m);
        }
    }
}
