package org.helixff;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package order of the library, checked on its bytecode with ArchUnit: the layers of
 * {@link LayerArchitectureTest#LAYERS} (one table for both tests), each allowed to use only its own layer and
 * the layers below, and no dependency cycle between any two packages, also inside a layer (so
 * {@code compute} and {@code compute.cpu}/{@code compute.cuda} may not use each other both ways).
 *
 * <p>Every package is its own slice ({@code org.helixff.compute} and {@code org.helixff.compute.cpu} are two
 * slices). Layers that hold no class are allowed ({@code withOptionalLayers}): a package may move away (the
 * timing harness in {@code bench}, for one) without breaking the rule.
 */
class ArchitectureTest {
    private static final String ROOT = "org.helixff";
    private static JavaClasses mainClasses;

    @BeforeAll
    static void importMainClasses() {
        mainClasses = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(ROOT);
    }

    @Test
    void layersDependOnlyDownwards() {
        assertTrue(mainClasses.size() > 200, "the importer sees the main classes: " + mainClasses.size());
        layers().check(mainClasses);
    }

    @Test
    void packagesAreFreeOfCycles() {
        packageCycles().check(mainClasses);
    }

    /** A new package must be placed in the table, else the layer rule would not look at it. */
    @Test
    void everyClassLiesInALayer() {
        List<String> all = new ArrayList<>();
        LayerArchitectureTest.LAYERS.forEach(l -> all.addAll(List.of(packages(l))));
        classes().should().resideInAnyPackage(all.toArray(String[]::new))
                .because("every package of org.helixff has a layer in LayerArchitectureTest.LAYERS").check(mainClasses);
    }

    /** JCuda's natives are reached only behind the probe of compute.cuda. */
    @Test
    void onlyComputeCudaUsesJcuda() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".compute.cuda").should().dependOnClassesThat()
                .resideInAPackage("jcuda..").check(mainClasses);
    }

    /** The rules can fail: test classes in io and phonon that use each other (the old knot) break both. */
    @Test
    void theRulesCatchAReAddedKnot() {
        JavaClasses knot = new ClassFileImporter().importClasses(org.helixff.io.KnotInIo.class,
                org.helixff.phonon.KnotInPhonon.class, org.helixff.phonon.PhononLaws.class);
        AssertionError up = assertThrows(AssertionError.class, () -> layers().check(knot), "io -> phonon points up");
        assertTrue(up.getMessage().contains("KnotInIo"), up.getMessage());
        AssertionError cycle = assertThrows(AssertionError.class, () -> packageCycles().check(knot), "io <-> phonon");
        assertTrue(cycle.getMessage().contains("org.helixff.io") && cycle.getMessage().contains("org.helixff.phonon"),
                cycle.getMessage());
    }

    /**
     * The layered architecture of {@link LayerArchitectureTest#LAYERS}: layer i may access layers 0..i
     * and nothing else inside org.helixff (the JDK and libraries are outside every layer).
     */
    static ArchRule layers() {
        List<List<String>> table = LayerArchitectureTest.LAYERS;
        LayeredArchitecture arch = Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true);
        for (int i = 0; i < table.size(); i++) {
            arch = arch.layer(layerName(i)).definedBy(packages(table.get(i)));
        }
        for (int i = 1; i < table.size(); i++) {
            String[] below = new String[i];
            for (int j = 0; j < i; j++) {
                below[j] = layerName(j);
            }
            arch = arch.whereLayer(layerName(i)).mayOnlyAccessLayers(below);
        }
        arch = arch.whereLayer(layerName(0)).mayNotAccessAnyLayer();
        return arch.because("packages depend only on their own layer and the layers below (issue 16)");
    }

    /** No cycle between packages: each package of org.helixff is a slice of its own. */
    static ArchRule packageCycles() {
        return slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                String p = c.getPackageName();
                return p.equals(ROOT) || p.startsWith(ROOT + ".") ? SliceIdentifier.of(p) : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "packages of " + ROOT;
            }
        }).should().beFreeOfCycles();
    }

    private static String layerName(int i) {
        List<String> pkgs = LayerArchitectureTest.LAYERS.get(i);
        return i + ":" + String.join(",", pkgs.stream().map(p -> p.isEmpty() ? "root" : p).toList());
    }

    /** Exact package names (no sub-packages): {@code io} is one layer, {@code io.sparc} listed on its own. */
    private static String[] packages(List<String> relative) {
        List<String> out = new ArrayList<>();
        for (String p : relative) {
            out.add(p.isEmpty() ? ROOT : ROOT + "." + p);
        }
        return out.toArray(String[]::new);
    }
}
