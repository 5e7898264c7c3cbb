package org.helixff.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.helixff.Progress;
import org.helixff.phonon.PhononWarning;
import org.helixff.phonon.TubePhononResult;
import org.helixff.phonon.TubePhonons;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.SymmetricStructure;
import org.helixff.teacher.Teachers;
import org.junit.jupiter.api.Test;

/**
 * The phonon summary keeps its documented shape with typed results inside: {@code warnings} is a list of the
 * warnings' one-line messages (strings, not objects), and the force-constant block comes from the result's
 * {@link TubePhononResult.ForceConstantSummary}.
 */
class PhononJsonTest {
    @Test
    void warningsAreTheirMessagesAndSumRulesTheirResiduals() throws Exception {
        TubePhononResult r = TubePhonons.run(Teachers.byName("tersoff-lb"),
                SymmetricStructure.fromTube(Nanotube.of(5, 5)),
                TubePhonons.Options.builder().kappaPoints(8).kPoints(4).dosKappaPoints(16).build(), Progress.NONE);
        assertTrue(r.warned(PhononWarning.Code.NOT_RELAXED), "an ideal roll-up is not relaxed: " + r.warnings());
        JsonNode j = new ObjectMapper().readTree(PhononJson.toJson(PhononJson.summary(r, 5, 5, Map.of())));
        JsonNode w = j.get("warnings");
        assertEquals(r.warnings().size(), w.size());
        for (int i = 0; i < w.size(); i++) {
            assertTrue(w.get(i).isTextual(), "a warning is written as its line: " + w.get(i));
            assertEquals(r.warnings().get(i).message(), w.get(i).asText());
        }
        JsonNode fc = j.get("force_constants");
        assertEquals(r.forceConstantSummary().method(), fc.get("method").asText());
        assertEquals(r.forceConstantSummary().rawAsymmetry(), fc.get("raw_asymmetry_relative").asDouble());
        TubePhononResult.SumRuleCorrection sr = r.forceConstantSummary().sumRules();
        JsonNode srm = fc.get("sum_rules");
        assertTrue(srm.get("imposed").asBoolean());
        assertEquals(sr.residualBefore(), srm.get("residual_before_ha_per_bohr").asDouble());
        assertEquals(sr.residualAfter(), srm.get("residual_after_ha_per_bohr").asDouble());
        assertEquals(sr.maxCorrection(), srm.get("max_correction_ha_per_bohr2").asDouble());
        assertEquals(sr.maxEntry(), srm.get("max_entry_ha_per_bohr2").asDouble());
        assertFalse(j.get("relaxation").get("relaxed").asBoolean());
    }
}
