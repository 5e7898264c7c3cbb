package org.helixff.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.helixff.InvalidInputException;
import org.junit.jupiter.api.Test;

/** SOAP parameters: defaults, validation messages, stable hash, map and JSON round trips. */
class SoapParametersTest {
    /**
     * SHA-256 of "soap;cutoff=10.0;sigma=1.0;nmax=8;lmax=6;radial=spherical-bessel", first 16 hex digits,
     * computed independently with coreutils: {@code echo -n '...' | sha256sum}. Changing it invalidates
     * every stored model: do so only deliberately.
     */
    private static final String DEFAULT_HASH = "d2a3a4c871e44e32";

    @Test
    void defaultsAndStableHash() {
        SoapParameters p = SoapParameters.defaults();
        assertEquals(10.0, p.cutoff());
        assertEquals(1.0, p.sigma());
        assertEquals(8, p.nmax());
        assertEquals(6, p.lmax());
        assertEquals(252, p.descriptorLength());
        assertEquals("soap;cutoff=10.0;sigma=1.0;nmax=8;lmax=6;radial=spherical-bessel", p.canonical());
        assertEquals(DEFAULT_HASH, p.hash());
        assertNotEquals(p.hash(), p.withNmax(9).hash());
        assertNotEquals(p.hash(), p.withSigma(Math.nextUp(1.0)).hash());
    }

    @Test
    void jsonRoundTrip() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (SoapParameters p : new SoapParameters[] {SoapParameters.defaults(),
            new SoapParameters(7.3, 0.45, 10, 9, SoapParameters.SPHERICAL_BESSEL),
            new SoapParameters(0.1 + 0.2 + 9, 1.0 / 3, 1, 0, SoapParameters.SPHERICAL_BESSEL)}) {
            String text = json.writeValueAsString(p.toMap());
            Map<String, Object> back = json.readValue(text, new TypeReference<Map<String, Object>>() { });
            SoapParameters q = SoapParameters.fromMap(back);
            assertEquals(p, q, text);
            assertEquals(p.hash(), q.hash());
            assertTrue(text.contains("\"hash\":\"" + p.hash() + "\""), text);
        }
        String tampered = json.writeValueAsString(SoapParameters.defaults().toMap()).replace("\"nmax\":8", "\"nmax\":9");
        Map<String, Object> bad = json.readValue(tampered, new TypeReference<Map<String, Object>>() { });
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SoapParameters.fromMap(bad));
        assertTrue(e.getMessage().contains("hash"), e.getMessage());
        Map<String, Object> missing = json.readValue("{\"cutoff_bohr\": 10}", new TypeReference<Map<String, Object>>() { });
        assertThrows(InvalidInputException.class, () -> SoapParameters.fromMap(missing));
    }

    @Test
    void invalidParametersNameTheOffendingValue() {
        String b = SoapParameters.SPHERICAL_BESSEL;
        assertMessage(() -> new SoapParameters(10, 1, 0, 6, b), "Nmax = 0");
        assertMessage(() -> new SoapParameters(10, 1, 8, -1, b), "Lmax = -1");
        assertMessage(() -> new SoapParameters(0, 1, 8, 6, b), "r_c = 0.0");
        assertMessage(() -> new SoapParameters(-2, 1, 8, 6, b), "r_c = -2.0");
        assertMessage(() -> new SoapParameters(Double.NaN, 1, 8, 6, b), "r_c = NaN");
        assertMessage(() -> new SoapParameters(31, 1, 8, 6, b), "above the supported");
        assertMessage(() -> new SoapParameters(10, 0.01, 8, 6, b), "sigma = 0.01");
        assertMessage(() -> new SoapParameters(10, 6, 8, 6, b), "sigma = 6.0");
        assertMessage(() -> new SoapParameters(10, 1, 21, 6, b), "Nmax = 21");
        assertMessage(() -> new SoapParameters(10, 1, 8, 13, b), "Lmax = 13");
        assertMessage(() -> new SoapParameters(10, 1, 8, 6, "gto"), "'gto'");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable ex, String part) {
        InvalidInputException e = assertThrows(InvalidInputException.class, ex);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
