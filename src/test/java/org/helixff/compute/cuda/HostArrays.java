package org.helixff.compute.cuda;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named int32 / float64 arrays in the little-endian file format of kernels/host/host_driver.cu:
 * int32 name length, name, int32 type (0 int32, 1 float64), int64 count, data.
 */
final class HostArrays {
    private final Map<String, Object> arrays = new LinkedHashMap<>();

    HostArrays put(String name, int... v) {
        arrays.put(name, v.clone());
        return this;
    }

    HostArrays put(String name, double... v) {
        arrays.put(name, v.clone());
        return this;
    }

    double[] doubles(String name) {
        Object o = arrays.get(name);
        if (!(o instanceof double[] d)) {
            throw new IllegalStateException("no double array " + name + " in " + arrays.keySet());
        }
        return d;
    }

    int[] ints(String name) {
        Object o = arrays.get(name);
        if (!(o instanceof int[] d)) {
            throw new IllegalStateException("no int array " + name + " in " + arrays.keySet());
        }
        return d;
    }

    void write(Path file) throws IOException {
        long size = 0;
        for (Map.Entry<String, Object> e : arrays.entrySet()) {
            size += 16 + e.getKey().length()
                    + (e.getValue() instanceof int[] i ? 4L * i.length : 8L * ((double[]) e.getValue()).length);
        }
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(size)).order(ByteOrder.LITTLE_ENDIAN);
        for (Map.Entry<String, Object> e : arrays.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.US_ASCII);
            b.putInt(name.length).put(name);
            if (e.getValue() instanceof int[] v) {
                b.putInt(0).putLong(v.length);
                for (int x : v) {
                    b.putInt(x);
                }
            } else {
                double[] v = (double[]) e.getValue();
                b.putInt(1).putLong(v.length);
                for (double x : v) {
                    b.putDouble(x);
                }
            }
        }
        Files.write(file, b.array());
    }

    static HostArrays read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        HostArrays out = new HostArrays();
        while (b.remaining() > 0) {
            byte[] name = new byte[b.getInt()];
            b.get(name);
            int type = b.getInt();
            int count = Math.toIntExact(b.getLong());
            String key = new String(name, StandardCharsets.US_ASCII);
            if (type == 0) {
                int[] v = new int[count];
                for (int i = 0; i < count; i++) {
                    v[i] = b.getInt();
                }
                out.arrays.put(key, v);
            } else {
                double[] v = new double[count];
                for (int i = 0; i < count; i++) {
                    v[i] = b.getDouble();
                }
                out.arrays.put(key, v);
            }
        }
        return out;
    }
}
