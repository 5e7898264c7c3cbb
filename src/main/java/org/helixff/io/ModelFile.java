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
        header.put("units", Map.of("energy", "hartree", "length", "bohr", "force", "hartree/bohr"));
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

    /**
     * Reads a model file.
     *
     * @throws FileFormatException for a missing, corrupt, truncated or newer-version file
     */
    public static KernelModel read(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new FileFormatException("model file " + path + " does not exist");
        } catch (IOException e) {
            throw new FileFormatException("cannot read model file " + path + ": " + e.getMessage());
        }
        return fromBytes(bytes, path.toString());
    }

    /** Reads a model from a stream (e.g. a classpath resource). */
    public static KernelModel read(InputStream in, String name) {
        try {
            return fromBytes(in.readAllBytes(), name);
        } catch (IOException e) {
            throw new FileFormatException("cannot read model " + name + ": " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    public static KernelModel fromBytes(byte[] bytes, String name) {
        int nl = -1;
        for (int i = 0; i < Math.min(bytes.length, 64); i++) {
            if (bytes[i] == '\n') {
                nl = i;
                break;
            }
        }
        String first = nl < 0 ? "" : new String(bytes, 0, nl, StandardCharsets.US_ASCII);
        if (!first.startsWith(MAGIC + " ")) {
            throw new FileFormatException("model file " + name + " is not a HelixFF model (bad magic line)");
        }
        int version;
        try {
            version = Integer.parseInt(first.substring(MAGIC.length() + 1).trim());
        } catch (NumberFormatException e) {
            throw new FileFormatException("model file " + name + ": unreadable format version '" + first + "'");
        }
        if (version > FORMAT_VERSION) {
            throw new FileFormatException("model file " + name + " has format version " + version
                    + "; this HelixFF (" + libraryVersion() + ") reads versions up to " + FORMAT_VERSION
                    + ": upgrade HelixFF");
        }
        if (version < 1) {
            throw new FileFormatException("model file " + name + " has invalid format version " + version);
        }
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
        if (headLen < 2 || headStart + headLen > bytes.length - 32) {
            throw new FileFormatException("model file " + name + ": header length " + headLen + " out of range");
        }
        Map<String, Object> header;
        try {
            header = JSON.readValue(bytes, headStart, (int) headLen, Map.class);
        } catch (IOException e) {
            throw new FileFormatException("model file " + name + ": header is not valid JSON");
        }
        int payloadStart = headStart + (int) headLen;
        int payloadLen = bytes.length - 32 - payloadStart;
        try {
            Object hv = header.get("format_version");
            if (!(hv instanceof Number) || ((Number) hv).intValue() != version) {
                throw new FileFormatException("model file " + name + ": header format version does not match");
            }
            SoapParameters soap;
            try {
                soap = SoapParameters.fromMap((Map<String, Object>) header.get("soap"));
            } catch (InvalidInputException e) {
                throw new FileFormatException("model file " + name + ": " + e.getMessage());
            }
            Map<String, Object> kernel = (Map<String, Object>) header.get("kernel");
            if (!"polynomial".equals(kernel.get("type"))) {
                throw new FileFormatException("model file " + name + ": unsupported kernel " + kernel.get("type"));
            }
            int zeta = ((Number) kernel.get("zeta")).intValue();
            int m = ((Number) header.get("reference_count")).intValue();
            int d = ((Number) header.get("descriptor_length")).intValue();
            if (d != soap.descriptorLength()) {
                throw new FileFormatException("model file " + name + ": descriptor length " + d
                        + " does not match its SOAP parameters (" + soap.descriptorLength() + ")");
            }
            Map<String, double[]> arrays = new LinkedHashMap<>();
            for (Map<String, Object> e : (List<Map<String, Object>>) header.get("arrays")) {
                String an = (String) e.get("name");
                long off = ((Number) e.get("offset")).longValue();
                long count = ((Number) e.get("count")).longValue();
                if (!"float64-le".equals(e.get("dtype")) || off < 0 || count < 0 || off + 8 * count > payloadLen) {
                    throw new FileFormatException("model file " + name + ": array '" + an + "' out of bounds");
                }
                double[] a = new double[(int) count];
                for (int i = 0; i < count; i++) {
                    a[i] = bb.getDouble(payloadStart + (int) off + 8 * i);
                    if (!Double.isFinite(a[i])) {
                        throw new FileFormatException("model file " + name + ": non-finite number in array '" + an + "'");
                    }
                }
                arrays.put(an, a);
            }
            double[] ref = need(arrays, "reference", (long) m * d, name);
            double[] w = need(arrays, "weights", m, name);
            double mu = ((Number) header.get("energy_offset_ha_per_atom")).doubleValue();
            ModelPosterior post = null;
            Map<String, Object> p = (Map<String, Object>) header.get("posterior");
            if (p != null) {
                int k = ((Number) p.get("eigen_count")).intValue();
                post = new ModelPosterior(need(arrays, "eigenvalues", k, name),
                        need(arrays, "eigenvectors", (long) m * k, name), ((Number) p.get("lambda")).doubleValue(),
                        ((Number) p.get("sigma_v2")).doubleValue(),
                        ((Number) p.get("energy_scale_ha_per_atom")).doubleValue(),
                        ((Number) p.get("force_scale_ha_per_bohr")).doubleValue(),
                        need(arrays, "energy_row_mean", m, name));
            }
            Map<String, Object> meta = (Map<String, Object>) header.get("metadata");
            return new KernelModel(soap, zeta, ref, w, mu, post, meta);
        } catch (ClassCastException | NullPointerException e) {
            throw new FileFormatException("model file " + name + ": header is missing or mistypes a field");
        } catch (InvalidInputException e) {
            throw new FileFormatException("model file " + name + ": " + e.getMessage());
        }
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
