package org.helixff.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.helixff.FileFormatException;
import org.helixff.Tolerances;
import org.helixff.model.KernelModel;
import org.helixff.model.ModelFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Model files that pass the checksum (edited and re-hashed, as a careless or hostile script would) but mean
 * nothing are refused on load with one message naming the field; files with extra optional fields load; endless
 * streams are refused after reading no more than the header announces; identical training gives identical bytes.
 */
class ModelFileValidationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static KernelModel model;
    private static byte[] good;

    @BeforeAll
    static void train() {
        model = ModelFixtures.trainToy(6, 20).model();
        good = ModelFile.toBytes(model);
    }

    /** A model file taken apart: header (mutable JSON map) and payload (little-endian doubles). */
    private static final class Parts {
        Map<String, Object> header;
        ByteBuffer payload;
        String magic;

        @SuppressWarnings("unchecked")
        Parts(byte[] b) throws Exception {
            int nl = 0;
            while (b[nl] != '\n') {
                nl++;
            }
            magic = new String(b, 0, nl + 1, StandardCharsets.US_ASCII);
            long hl = ByteBuffer.wrap(b, nl + 1, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            int hs = nl + 9;
            header = JSON.readValue(b, hs, (int) hl, LinkedHashMap.class);
            byte[] p = java.util.Arrays.copyOfRange(b, hs + (int) hl, b.length - 32);
            payload = ByteBuffer.wrap(p).order(ByteOrder.LITTLE_ENDIAN);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> array(String name) {
            for (Map<String, Object> e : (List<Map<String, Object>>) header.get("arrays")) {
                if (e.get("name").equals(name)) {
                    return e;
                }
            }
            throw new AssertionError(name);
        }

        void set(String array, int index, double value) {
            long off = ((Number) array(array).get("offset")).longValue();
            payload.putDouble((int) off + 8 * index, value);
        }

        /** Reassembled and re-hashed: the checksum is valid. */
        byte[] bytes() throws Exception {
            byte[] h = JSON.writeValueAsBytes(header);
            ByteBuffer b = ByteBuffer.allocate(magic.length() + 8 + h.length + payload.capacity() + 32)
                    .order(ByteOrder.LITTLE_ENDIAN);
            b.put(magic.getBytes(StandardCharsets.US_ASCII)).putLong(h.length).put(h).put(payload.array());
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(b.array(), 0, b.position());
            b.put(md.digest());
            return b.array();
        }
    }

    private static String refused(Consumer<Parts> edit) throws Exception {
        Parts p = new Parts(good);
        edit.accept(p);
        byte[] bytes = p.bytes();
        FileFormatException e = assertThrows(FileFormatException.class, () -> ModelFile.fromBytes(bytes, "t.hxff"));
        // the stream reader refuses it the same way
        assertThrows(FileFormatException.class, () -> ModelFile.read(new ByteArrayInputStream(bytes), "t.hxff"));
        assertTrue(!e.getMessage().contains("\n"), "one line");
        return e.getMessage();
    }

    @Test
    void theUntouchedRehashedFileLoads() throws Exception {
        assertArrayEquals(good, new Parts(good).bytes(), "the test's reassembly is exact");
        KernelModel back = ModelFile.read(new ByteArrayInputStream(good), "good");
        assertArrayEquals(model.weights(), back.weights(), Tolerances.EXACT);
    }

    @Test
    void implausibleNumbersAreRefusedNamingTheField() throws Exception {
        String w = refused(p -> p.set("weights", 3, 1e308));
        assertTrue(w.contains("'weights'"), w);
        String mu = refused(p -> p.header.put("energy_offset_ha_per_atom", 1e308));
        assertTrue(mu.contains("energy_offset_ha_per_atom"), mu);
        String ev = refused(p -> p.set("eigenvalues", 0, -1.0));
        assertTrue(ev.contains("'eigenvalues'") && ev.contains("positive semi-definite"), ev);
        String ref = refused(p -> p.set("reference", 0, 7.0));
        assertTrue(ref.contains("'reference'") && ref.contains("norm"), ref);
        @SuppressWarnings("unchecked")
        String lam = refused(p -> ((Map<String, Object>) p.header.get("posterior")).put("lambda", -2.0));
        assertTrue(lam.contains("posterior.lambda"), lam);
        String nan = refused(p -> p.set("weights", 0, Double.NaN));
        assertTrue(nan.contains("non-finite") && nan.contains("weights"), nan);
    }

    @Test
    void unknownUnitsAreRefused() throws Exception {
        String u = refused(p -> p.header.put("units", Map.of("energy", "ev", "length", "bohr")));
        assertTrue(u.contains("units.energy 'ev'"), u);
        String esc = refused(p -> p.header.put("units", Map.of("energy", "\u001b[31mhartree", "length", "bohr")));
        assertTrue(esc.contains("\\e[31m") && !esc.contains("\u001b"), "escaped: " + esc);
    }

    @Test
    void overlappingGappedOrIncompleteLayoutsAreRefused() throws Exception {
        String overlap = refused(p -> p.array("weights").put("offset", 0L));
        assertTrue(overlap.contains("overlaps"), overlap);
        String gap = refused(p -> {
            Map<String, Object> w = p.array("energy_row_mean");
            w.put("offset", ((Number) w.get("offset")).longValue() + 8);
        });
        assertTrue(gap.contains("gap") || gap.contains("payload"), gap);
        String shape = refused(p -> p.array("weights").put("shape", List.of(3)));
        assertTrue(shape.contains("arrays.weights.shape"), shape);
        String missing = refused(p -> {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> arrays = (List<Map<String, Object>>) p.header.get("arrays");
            List<Map<String, Object>> keep = new ArrayList<>(arrays);
            keep.removeIf(e -> e.get("name").equals("energy_row_mean"));
            p.header.put("arrays", keep);
            ByteBuffer shorter = ByteBuffer.wrap(java.util.Arrays.copyOf(p.payload.array(),
                    p.payload.capacity() - 8 * model.referenceCount())).order(ByteOrder.LITTLE_ENDIAN);
            p.payload = shorter;
        });
        assertTrue(missing.contains("energy_row_mean"), missing);
    }

    @Test
    void extraOptionalFieldsOfNewerWritersAreTolerated() throws Exception {
        Parts p = new Parts(good);
        p.header.put("extrapolation", Map.of("kind", "max-kernel", "threshold", 0.8));
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = new LinkedHashMap<>((Map<String, Object>) p.header.get("metadata"));
        meta.put("future_field", List.of(1, 2, 3));
        p.header.put("metadata", meta);
        KernelModel back = ModelFile.fromBytes(p.bytes(), "extra.hxff");
        assertEquals(List.of(1, 2, 3), back.metadata().get("future_field"));
        assertArrayEquals(model.weights(), back.weights(), Tolerances.EXACT);
    }

    /** An endless stream of zeros after the given bytes; counts what was read. */
    private static final class Endless extends InputStream {
        long read;

        @Override
        public int read() {
            read++;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) 0);
            read += len;
            return len;
        }
    }

    /** Bytes read from an endless input before it is refused: at most the magic line and a little more. */
    private static final long ENDLESS_READ_LIMIT = 1 << 16;

    @Test
    void endlessInputsAreRefusedAfterABoundedRead() throws Exception {
        Endless zeros = new Endless();
        FileFormatException a = assertThrows(FileFormatException.class, () -> ModelFile.read(zeros, "/dev/zero"));
        assertTrue(a.getMessage().contains("bad magic line"), a.getMessage());
        assertTrue(zeros.read <= ENDLESS_READ_LIMIT, "read " + zeros.read);

        Endless tail = new Endless();
        FileFormatException b = assertThrows(FileFormatException.class,
                () -> ModelFile.read(new SequenceInputStream(new ByteArrayInputStream(good), tail), "endless"));
        assertTrue(b.getMessage().contains("data after its checksum"), b.getMessage());
        assertTrue(tail.read <= ENDLESS_READ_LIMIT, "read " + tail.read);

        byte[] hugeHeader = good.clone();
        ByteBuffer.wrap(hugeHeader).order(ByteOrder.LITTLE_ENDIAN).putLong("HELIXFF-MODEL 1\n".length(), 1L << 40);
        FileFormatException c = assertThrows(FileFormatException.class,
                () -> ModelFile.read(new ByteArrayInputStream(hugeHeader), "huge"));
        assertTrue(c.getMessage().contains("header length"), c.getMessage());

        java.nio.file.Path dev = java.nio.file.Path.of("/dev/zero");
        if (java.nio.file.Files.isReadable(dev)) {
            FileFormatException d = assertThrows(FileFormatException.class, () -> ModelFile.read(dev));
            assertTrue(d.getMessage().contains("/dev/zero"), d.getMessage());
        }
    }

    @Test
    void identicalTrainingGivesIdenticalBytes() {
        byte[] again = ModelFile.toBytes(ModelFixtures.trainToy(6, 20).model());
        assertArrayEquals(good, again);
    }
}
