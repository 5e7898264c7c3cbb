package org.helixff.teacher;

import java.util.ArrayList;
import java.util.List;
import org.helixff.InvalidInputException;
import org.helixff.calculator.Calculator;

/** The one place where teacher calculators are chosen by name (CLI, training configuration). */
public final class Teachers {
    private Teachers() {
    }

    /** Names accepted by {@link #byName(String)}, in a fixed order. */
    public static List<String> names() {
        List<String> out = new ArrayList<>();
        for (Tersoff.Variant v : Tersoff.Variant.values()) {
            out.add(v.modelName());
        }
        return List.copyOf(out);
    }

    /**
     * The teacher calculator with the given name: "tersoff" (Tersoff 1989) or "tersoff-lb"
     * (Lindsay-Broido 2010). Case and surrounding blanks are ignored.
     *
     * @throws InvalidInputException for an unknown name; the message lists the valid names
     */
    public static Calculator byName(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT);
        for (Tersoff.Variant v : Tersoff.Variant.values()) {
            if (v.modelName().equals(key)) {
                return Tersoff.calculator(v);
            }
        }
        throw new InvalidInputException("unknown model '" + name + "'; valid names: " + String.join(", ", names()));
    }
}
