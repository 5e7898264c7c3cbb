package org.helixff.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.helixff.FileFormatException;
import org.helixff.HelixException;
import org.helixff.InvalidInputException;
import org.helixff.Messages;
import org.helixff.descriptor.SoapParameters;
import org.helixff.model.KernelModel;
import org.helixff.model.ModelPosterior;

/**
 * The model file format (never Java serialisation):
 *
 * <pre>
 *   "HELIXFF-MODEL &lt;version&gt;\n"          ASCII magic line
 *   H                                     header length in bytes, unsigned 64-bit little-endian
 *   header                                H bytes of UTF-8 JSON
 *   payload                               float64 little-endian arrays, at the offsets the header lists
 *   SHA-256                               32 bytes: digest of everything before it
 * </pre>
 *
 * The header holds: format_version, library_version, units (hartree, bohr), soap (parameters and their
 * hash), kernel (type, zeta), reference_count M, descriptor_length D, energy_offset_ha_per_atom,
 * posterior scalars (lambda, sigma_v2, energy_scale, force_scale) or null, metadata (training report,
 * provenance) and "arrays": name, shape, byte offset in the payload, element count. Arrays: reference
 * (M x D, normalised), weights (M, Hartree), and with a posterior eigenvalues (K), eigenvectors (M x K),
 * energy_row_mean (M). Loading verifies the digest (corrupt or truncated files), the version (files
 * from a newer format are refused), every size and that every number is finite.
 */
public final class ModelFile {
    /** The format version this library writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;
    private static final String MAGIC = "HELIXFF-MODEL";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFile() {
    }

    /** Library version recorded in files (from the jar manifest, or "development"). */
    public static String libraryVersion() {
        String v = ModelFile.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    /** Writes the model atomically. */
    public static void write(KernelModel model, Path path) {
        byte[] bytes = toBytes(model);
        AtomicFiles.writeBinary(path, out -> out.write(bytes));
    }

    /** The complete file content. */
    public static byte[] toBytes(KernelModel model) {
        List<double[]> arrays = new ArrayList<>();
        List<Map<String, Object>> index = new ArrayList<>();
        long[] offset = {0};
        int m = model.referenceCount();
        int d = model.descriptorLength();
        addArray(arrays, index, offset, "reference", model.reference(), List.of(m, d));
        addArray(arrays, index, offset, "weights", model.weights(), List.of(m));
        Map<String, Object> posterior = null;
        ModelPosterior p = model.posterior();
        if (p != null) {
            int k = p.eigenvalues().length;
            addArray(arrays, index, offset, "eigenvalues", p.eigenvalues(), List.of(k));
            addArray(arrays, index, offset, "eigenvectors", p.eigenvectors(), List.of(m, k));
            addArray(arrays, index, offset, "energy_row_mean", p.energyRowMean(), List.of(m));
            posterior = new LinkedHashMap<>();
            posterior.put("lambda", p.lambda());
            posterior.put("sigma_v2", p.sigmaV2());
            posterior.put("energy_scale_ha_per_atom", p.energyScale());
            posterior.put("force_scale_ha_per_bohr", p.forceScale());
            posterior.put("eigen_count", k);
        }
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("format_version", FORMAT_VERSION);
        header.put("library_version", libraryVersion());
        Map<String, Object> units = new LinkedHashMap<>(); // fixed order: Map.of would vary from JVM to JVM
        units.put("energy", "hartree");
        units.put("length", "bohr");
        units.put("force", "hartree/bohr");
        header.put("units", units);
        header.put("soap", model.soap().toMap());
        Map<String, Object> kernel = new LinkedHashMap<>();
        kernel.put("type", "polynomial");
        kernel.put("definition", "k(x,y) = (x.y/(|x||y|))^zeta");
        kernel.put("zeta", model.zeta());
        header.put("kernel", kernel);
        header.put("reference_count", m);
        header.put("descriptor_length", d);
        header.put("energy_offset_ha_per_atom", model.energyOffset());
        header.put("posterior", posterior);
        header.put("metadata", model.metadata());
        header.put("arrays", index);
        byte[] head;
        try {
            head = JSON.writeValueAsBytes(header);
        } catch (JsonProcessingException e) {
            throw new HelixException("model metadata cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        byte[] magic = (MAGIC + " " + FORMAT_VERSION + "\n").getBytes(StandardCharsets.US_ASCII);
        bos.writeBytes(magic);
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        len.putLong(head.length);
        bos.writeBytes(len.array());
        bos.writeBytes(head);
        for (double[] a : arrays) {
            ByteBuffer bb = ByteBuffer.allocate(8 * a.length).order(ByteOrder.LITTLE_ENDIAN);
            for (double v : a) {
                bb.putDouble(v);
            }
            bos.writeBytes(bb.array());
        }
        byte[] body = bos.toByteArray();
        bos.writeBytes(sha256(body, body.length));
        return bos.toByteArray();
    }

    private static void addArray(List<double[]> arrays, List<Map<String, Object>> index, long[] offset, String name,
            double[] data, List<Integer> shape) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", name);
        e.put("dtype", "float64-le");
        e.put("shape", shape);
        e.put("offset", offset[0]);
        e.put("count", data.length);
        index.add(e);
        arrays.add(data);
        offset[0] += 8L * data.length;
    }

    /** Largest header, bytes (the bundled model's is ~3 kB; metadata of a long learn run stays far below). */
    public static final long MAX_HEADER_BYTES = 16L << 20;
    /** Largest model file, bytes: what one Java array can hold (M = 20,000 references with a full posterior fits). */
    public static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 64;
    /** Largest |energy offset|, Ha per atom: an all-electron carbon atom is ~ -38 Ha; beyond this it is no energy. */
    public static final double MAX_ENERGY_OFFSET_HA = 1e3;
    /**
     * Largest |weight|, Ha: weights of noise-free fits reach ~1e8 (README, Limitations); at 1e12 the round-off of an
     * energy (1e-16 sum |w|) would exceed 1e-4 Ha and the model predicts nothing.
     */
    public static final double MAX_WEIGHT_HA = 1e12;
    /** Largest |scale| of the posterior rows, Ha per atom or Ha/Bohr (real ones are 1e-4 .. 1). */
    public static final double MAX_SCALE = 1e3;
    /** Reference rows are stored normalised; a row whose norm is off by more than this was edited. */
    public static final double NORM_TOLERANCE = 1e-6;
    /** Largest reference count accepted before any allocation. */
    public static final long MAX_REFERENCES = 1_000_000;

    /**
     * Reads a model file. The read is bounded: a file that is endless (a device), larger than
     * {@link #MAX_FILE_BYTES} or longer than its header says is refused before it is held in memory.
     *
     * @throws FileFormatException for a missing, corrupt, truncated, implausible or newer-version file
     */
    public static KernelModel read(Path path) {
        if (Files.isDirectory(path)) {
            throw new FileFormatException("model file " + path + " is a directory");
        }
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, path.toString());
        } catch (NoSuchFileException e) {
            throw new FileFormatException("model file " + path + " does not exist");
        } catch (IOException e) {
            throw new FileFormatException("cannot read model file " + path + ": " + AtomicFiles.reason(e));
        }
    }

    /** Reads a model from a stream (e.g. a classpath resource), bounded as {@link #read(Path)}. */
    public static KernelModel read(InputStream in, String name) {
        try {
            return fromBytes(readBounded(in, name), name);
        } catch (IOException e) {
            throw new FileFormatException("cannot read model " + name + ": " + AtomicFiles.reason(e));
        }
    }

    /**
     * The bytes of one model file from a stream, reading no more than the magic line, the header length, the header
     * and the payload plus checksum the header announces; then the stream must end.
     */
    @SuppressWarnings("unchecked")
    static byte[] readBounded(InputStream in, String name) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            head.write(c);
            if (head.size() > 64) {
                throw new FileFormatException("model file " + name + " is not a HelixFF model (bad magic line)");
            }
        }
        if (c < 0 || !head.toString(StandardCharsets.ISO_8859_1).startsWith(MAGIC + " ")) {
            throw new FileFormatException("model file " + name + " is not a HelixFF model (bad magic line)");
        }
        head.write('\n');
        byte[] len = in.readNBytes(8);
        if (len.length < 8) {
            throw new FileFormatException("model file " + name + " is truncated (" + (head.size() + len.length)
                    + " bytes)");
        }
        long headLen = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headLen < 2 || headLen > MAX_HEADER_BYTES) {
            throw new FileFormatException("model file " + name + ": header length " + headLen + " out of range [2, "
                    + MAX_HEADER_BYTES + "]");
        }
        byte[] header = in.readNBytes((int) headLen);
        if (header.length < headLen) {
            throw new FileFormatException("model file " + name + " is truncated (in its header)");
        }
        long payload;
        try {
            Map<String, Object> h = JSON.readValue(header, Map.class);
            payload = payloadLength(h, name);
        } catch (IOException e) {
            throw new FileFormatException("model file " + name + " is corrupt: its header is not valid JSON");
        }
        long total = head.size() + 8L + headLen + payload + 32;
        if (total > MAX_FILE_BYTES) {
            throw new FileFormatException("model file " + name + " would be " + total + " bytes, more than "
                    + MAX_FILE_BYTES);
        }
        byte[] rest = in.readNBytes((int) (payload + 32));
        if (rest.length < payload + 32) {
            throw new FileFormatException("model file " + name + " is truncated (" + (total - payload - 32 + rest.length)
                    + " of " + total + " bytes)");
        }
        if (in.read() >= 0) {
            throw new FileFormatException("model file " + name + " has data after its checksum (longer than the "
                    + total + " bytes its header describes)");
        }
        ByteBuffer all = ByteBuffer.allocate((int) total);
        all.put(head.toByteArray()).put(len).put(header).put(rest);
        return all.array();
    }

    /**
     * The payload length the header's array index describes, after checking that the layout is sound: every array
     * float64-le, its shape's product equal to its count, offsets starting at 0 and each array starting where the
     * previous one ends (no overlap, no gap).
     */
    @SuppressWarnings("unchecked")
    private static long payloadLength(Map<String, Object> header, String name) {
        Object idx = header.get("arrays");
        if (!(idx instanceof List<?> list)) {
            throw new FileFormatException("model file " + name + ": field 'arrays' is missing or not a list");
        }
        List<long[]> spans = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> e) || !(e.get("name") instanceof String an)) {
                throw new FileFormatException("model file " + name + ": an entry of 'arrays' has no name");
            }
            if (names.contains(an)) {
                throw new FileFormatException("model file " + name + ": array '" + an + "' is listed twice");
            }
            if (!"float64-le".equals(e.get("dtype"))) {
                throw new FileFormatException("model file " + name + ": arrays." + an + ".dtype is not float64-le");
            }
            if (!(e.get("offset") instanceof Number off) || !(e.get("count") instanceof Number cnt)
                    || !isIntegral(off) || !isIntegral(cnt)) {
                throw new FileFormatException("model file " + name + ": arrays." + an + " needs integer offset and count");
            }
            long offset = off.longValue();
            long count = cnt.longValue();
            if (offset < 0 || count < 0 || count > MAX_FILE_BYTES / 8 || offset > MAX_FILE_BYTES) {
                throw new FileFormatException("model file " + name + ": arrays." + an + " offset " + offset + " / count "
                        + count + " out of range");
            }
            if (e.get("shape") instanceof List<?> shape) {
                long prod = 1;
                for (Object d : shape) {
                    if (!(d instanceof Number dn) || !isIntegral(dn) || dn.longValue() < 0
                            || dn.longValue() > MAX_FILE_BYTES) {
                        throw new FileFormatException("model file " + name + ": arrays." + an + ".shape is not a list of"
                                + " sizes");
                    }
                    prod *= dn.longValue();
                    if (prod > MAX_FILE_BYTES) {
                        break;
                    }
                }
                if (prod != count) {
                    throw new FileFormatException("model file " + name + ": arrays." + an + ".shape " + shape
                            + " does not match its count " + count);
                }
            }
            names.add(an);
            spans.add(new long[] {offset, count});
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            order.add(i);
        }
        order.sort((x, y) -> Long.compare(spans.get(x)[0], spans.get(y)[0]));
        long end = 0;
        for (int i : order) {
            long[] sp = spans.get(i);
            if (sp[0] != end) {
                throw new FileFormatException("model file " + name + ": arrays." + names.get(i) + ".offset " + sp[0]
                        + (sp[0] < end ? " overlaps the array before it" : " leaves a gap") + " (expected " + end + ")");
            }
            end += 8 * sp[1];
        }
        return end;
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof java.math.BigInteger b && b.bitLength() < 63;
    }

    /**
     * Parses and validates a whole model file: magic line, version, checksum, layout (see {@link #read(Path)}) and
     * then the meaning of every field: known units, finite and plausible numbers (energy offset, weights, scales),
     * normalised references, a positive semi-definite posterior. Unknown header keys and metadata are kept or
     * ignored (newer writers may add optional fields). Every error is one line naming the field.
     *
     * @throws FileFormatException for any defect
     */
    public static KernelModel fromBytes(byte[] bytes, String name) {
        int nl = -1;
        for (int i = 0; i < Math.min(bytes.length, 64); i++) {
            if (bytes[i] == '\n') {
                nl = i;
                break;
            }
        }
        int version = formatVersion(bytes, nl, name);
        if (bytes.length < nl + 1 + 8 + 32) {
            throw new FileFormatException("model file " + name + " is truncated (" + bytes.length + " bytes)");
        }
        byte[] digest = sha256(bytes, bytes.length - 32);
        for (int i = 0; i < 32; i++) {
            if (digest[i] != bytes[bytes.length - 32 + i]) {
                throw new FileFormatException("model file " + name
                        + " is corrupt or truncated (SHA-256 checksum mismatch)");
            }
        }
        ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headLen = bb.getLong(nl + 1);
        int headStart = nl + 1 + 8;
        if (headLen < 2 || headLen > MAX_HEADER_BYTES || headStart + headLen > bytes.length - 32) {
            throw new FileFormatException("model file " + name + ": header length " + headLen + " out of range");
        }
        Map<String, Object> header;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> h = JSON.readValue(bytes, headStart, (int) headLen, Map.class);
            header = h;
        } catch (IOException e) {
            throw new FileFormatException("model file " + name + ": header is not valid JSON");
        }
        int payloadStart = headStart + (int) headLen;
        int payloadLen = bytes.length - 32 - payloadStart;
        long layout = payloadLength(header, name);
        if (layout != payloadLen) {
            throw new FileFormatException("model file " + name + ": the arrays cover " + layout + " bytes, the payload"
                    + " has " + payloadLen);
        }
        try {
            return model(header, version, bb, payloadStart, name);
        } catch (ClassCastException | NullPointerException e) {
            throw new FileFormatException("model file " + name + ": header is missing or mistypes a field");
        } catch (InvalidInputException e) {
            throw new FileFormatException("model file " + name + ": " + e.getMessage());
        }
    }

    /** The format version of the magic line (the first {@code nl} bytes), checked against {@link #FORMAT_VERSION}. */
    private static int formatVersion(byte[] bytes, int nl, String name) {
        String first = nl < 0 ? "" : new String(bytes, 0, nl, StandardCharsets.US_ASCII);
        if (!first.startsWith(MAGIC + " ")) {
            throw new FileFormatException("model file " + name + " is not a HelixFF model (bad magic line)");
        }
        int version;
        try {
            version = Integer.parseInt(first.substring(MAGIC.length() + 1).trim());
        } catch (NumberFormatException e) {
            throw new FileFormatException("model file " + name + ": unreadable format version '"
                    + Messages.printable(first) + "'");
        }
        if (version > FORMAT_VERSION) {
            throw new FileFormatException("model file " + name + " has format version " + version
                    + "; this HelixFF (" + libraryVersion() + ") reads versions up to " + FORMAT_VERSION
                    + ": upgrade HelixFF");
        }
        if (version < 1) {
            throw new FileFormatException("model file " + name + " has invalid format version " + version);
        }
        return version;
    }

    /**
     * The model of a parsed header and its payload, every field checked. A missing or mistyped field surfaces as
     * a {@link ClassCastException} or {@link NullPointerException}, which {@link #fromBytes} reports.
     */
    @SuppressWarnings("unchecked")
    private static KernelModel model(Map<String, Object> header, int version, ByteBuffer bb, int payloadStart,
            String name) {
        Object hv = header.get("format_version");
        if (!(hv instanceof Number) || ((Number) hv).intValue() != version) {
            throw new FileFormatException("model file " + name + ": header format version does not match");
        }
        checkUnits(header.get("units"), name);
        SoapParameters soap;
        try {
            soap = SoapParameters.fromMap((Map<String, Object>) header.get("soap"));
        } catch (InvalidInputException e) {
            throw new FileFormatException("model file " + name + ": soap: " + e.getMessage());
        }
        Map<String, Object> kernel = (Map<String, Object>) header.get("kernel");
        if (!"polynomial".equals(kernel.get("type"))) {
            throw new FileFormatException("model file " + name + ": unsupported kernel.type "
                    + Messages.printable(String.valueOf(kernel.get("type"))));
        }
        int zeta = intField(kernel, "zeta", "kernel.zeta", 1, 12, name);
        int m = intField(header, "reference_count", "reference_count", 1, MAX_REFERENCES, name);
        int d = intField(header, "descriptor_length", "descriptor_length", 1, Integer.MAX_VALUE, name);
        if (d != soap.descriptorLength()) {
            throw new FileFormatException("model file " + name + ": descriptor length " + d
                    + " does not match its SOAP parameters (" + soap.descriptorLength() + ")");
        }
        Map<String, double[]> arrays = arrays((List<Map<String, Object>>) header.get("arrays"), bb, payloadStart,
                name);
        double[] ref = need(arrays, "reference", (long) m * d, name);
        for (int t = 0; t < m; t++) {
            double n2 = 0;
            for (int k = 0; k < d; k++) {
                n2 += ref[t * d + k] * ref[t * d + k];
            }
            if (!(Math.abs(Math.sqrt(n2) - 1) <= NORM_TOLERANCE)) {
                throw new FileFormatException(String.format(java.util.Locale.ROOT, "model file %s: array 'reference'"
                        + " row %d has norm %.6g; references are stored normalised", name, t, Math.sqrt(n2)));
            }
        }
        double[] w = need(arrays, "weights", m, name);
        double sumW = 0;
        for (double x : w) {
            sumW += Math.abs(x);
        }
        if (!(sumW <= MAX_WEIGHT_HA)) {
            throw new FileFormatException(String.format(java.util.Locale.ROOT, "model file %s: array 'weights' sums"
                    + " to |w| = %.3g Ha, above the plausible %.0g Ha", name, sumW, MAX_WEIGHT_HA));
        }
        double mu = realField(header, "energy_offset_ha_per_atom", "energy_offset_ha_per_atom", name);
        if (!(Math.abs(mu) <= MAX_ENERGY_OFFSET_HA)) {
            throw new FileFormatException(String.format(java.util.Locale.ROOT, "model file %s:"
                    + " energy_offset_ha_per_atom %.6g is implausible (|mu| <= %.0g Ha/atom)", name, mu,
                    MAX_ENERGY_OFFSET_HA));
        }
        Map<String, Object> p = (Map<String, Object>) header.get("posterior");
        ModelPosterior post = p == null ? null : posterior(p, arrays, m, name);
        Object metaObj = header.get("metadata");
        Map<String, Object> meta = metaObj == null ? Map.of() : (Map<String, Object>) metaObj;
        return new KernelModel(soap, zeta, ref, w, mu, post, meta);
    }

    /** The arrays of the header's index, read from the payload; every number finite. */
    private static Map<String, double[]> arrays(List<Map<String, Object>> index, ByteBuffer bb, int payloadStart,
            String name) {
        Map<String, double[]> arrays = new LinkedHashMap<>();
        for (Map<String, Object> e : index) {
            String an = (String) e.get("name");
            long off = ((Number) e.get("offset")).longValue();
            long count = ((Number) e.get("count")).longValue();
            double[] a = new double[(int) count];
            for (int i = 0; i < count; i++) {
                a[i] = bb.getDouble(payloadStart + (int) off + 8 * i);
                if (!Double.isFinite(a[i])) {
                    throw new FileFormatException("model file " + name + ": non-finite number in array '" + an + "'");
                }
            }
            arrays.put(an, a);
        }
        return arrays;
    }

    /** The posterior: non-negative eigenvalues, unit eigenvectors, plausible lambda, sigma_v^2, scales, mean row. */
    private static ModelPosterior posterior(Map<String, Object> p, Map<String, double[]> arrays, int m,
            String name) {
        int k = intField(p, "eigen_count", "posterior.eigen_count", 0, m, name);
        double[] s = need(arrays, "eigenvalues", k, name);
        for (int q = 0; q < k; q++) {
            if (!(s[q] >= 0)) {
                throw new FileFormatException("model file " + name + ": array 'eigenvalues' has the negative"
                        + " value " + s[q] + " at " + q + ": the posterior must be positive semi-definite");
            }
        }
        double[] v = need(arrays, "eigenvectors", (long) m * k, name);
        for (int q = 0; q < k; q++) {
            double n2 = 0;
            for (int i = 0; i < m; i++) {
                n2 += v[i * k + q] * v[i * k + q];
            }
            if (!(Math.abs(Math.sqrt(n2) - 1) <= NORM_TOLERANCE)) {
                throw new FileFormatException(String.format(java.util.Locale.ROOT, "model file %s: array"
                        + " 'eigenvectors' column %d has norm %.6g, not 1", name, q, Math.sqrt(n2)));
            }
        }
        double lambda = realField(p, "lambda", "posterior.lambda", name);
        double sigmaV2 = realField(p, "sigma_v2", "posterior.sigma_v2", name);
        double es = realField(p, "energy_scale_ha_per_atom", "posterior.energy_scale_ha_per_atom", name);
        double fs = realField(p, "force_scale_ha_per_bohr", "posterior.force_scale_ha_per_bohr", name);
        if (!(lambda > 0) || !(lambda <= MAX_POSTERIOR_PARAMETER)) {
            throw new FileFormatException("model file " + name + ": posterior.lambda " + lambda
                    + " must lie in (0, 1e30]");
        }
        if (!(sigmaV2 >= 0) || !(sigmaV2 <= MAX_POSTERIOR_PARAMETER)) {
            throw new FileFormatException("model file " + name + ": posterior.sigma_v2 " + sigmaV2
                    + " must lie in [0, 1e30]");
        }
        if (!(es > 0 && es <= MAX_SCALE) || !(fs > 0 && fs <= MAX_SCALE)) {
            throw new FileFormatException("model file " + name + ": posterior scales " + es + " / " + fs
                    + " must lie in (0, " + MAX_SCALE + "]");
        }
        double[] mean = need(arrays, "energy_row_mean", m, name);
        for (double x : mean) {
            if (!(Math.abs(x) <= 1 + NORM_TOLERANCE)) {
                throw new FileFormatException("model file " + name + ": array 'energy_row_mean' holds " + x
                        + "; kernel values lie in [-1, 1]");
            }
        }
        return new ModelPosterior(s, v, lambda, sigmaV2, es, fs, mean);
    }

    /** Largest accepted posterior lambda and sigma_v^2 (dimensionless, of the scaled regression). */
    private static final double MAX_POSTERIOR_PARAMETER = 1e30;

    private static void checkUnits(Object units, String name) {
        if (!(units instanceof Map<?, ?> u)) {
            throw new FileFormatException("model file " + name + ": field 'units' is missing");
        }
        Map<String, String> expected = Map.of("energy", "hartree", "length", "bohr", "force", "hartree/bohr");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Object v = u.get(e.getKey());
            if (v == null && e.getKey().equals("force")) {
                continue;
            }
            if (!e.getValue().equals(v)) {
                throw new FileFormatException("model file " + name + ": units." + e.getKey() + " '"
                        + Messages.printable(String.valueOf(v)) + "' is not supported (this format stores "
                        + e.getValue() + ")");
            }
        }
    }

    private static int intField(Map<String, Object> map, String key, String field, long min, long max, String name) {
        Object v = map.get(key);
        if (!(v instanceof Number n) || !isIntegral(n) || n.longValue() < min || n.longValue() > max) {
            throw new FileFormatException("model file " + name + ": " + field + " " + Messages.printable(String.valueOf(v))
                    + " must be an integer in [" + min + ", " + max + "]");
        }
        return n.intValue();
    }

    private static double realField(Map<String, Object> map, String key, String field, String name) {
        Object v = map.get(key);
        if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw new FileFormatException("model file " + name + ": " + field + " " + Messages.printable(String.valueOf(v))
                    + " must be a finite number");
        }
        return n.doubleValue();
    }

    private static double[] need(Map<String, double[]> arrays, String key, long count, String name) {
        double[] a = arrays.get(key);
        if (a == null || a.length != count) {
            throw new FileFormatException("model file " + name + ": array '" + key + "' missing or of wrong size");
        }
        return a;
    }

    private static byte[] sha256(byte[] data, int len) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(data, 0, len);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
