package dev.leakinspector;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the package arrows of docs/DESIGN.md ("Arrows only point down") on the compiled main classes, so a
 * dependency that points up fails the build instead of waiting for a reviewer.
 *
 * <p>Only production classes are imported ({@link ImportOption.DoNotIncludeTests}): tests may reach across
 * layers to set up a scenario. The rules look at dependencies in bytecode, so a fully qualified name in code
 * counts as much as an import; a class name inside a string (as the heap engine uses to recognise
 * {@code javafx.*} objects in a dump, or the attacher to name the agent's entry point) does not, and should
 * not. One blind spot: a {@code static final String} constant is inlined by javac, so reading one from a
 * higher package leaves no trace here.
 */
class ArchitectureTest {

    private static final String ROOT = "dev.leakinspector";

    private static JavaClasses mainClasses;

    @BeforeAll
    static void importMainClasses() {
        mainClasses = new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .withImportOption(new ImportOption.DoNotIncludeJars())
                .importPackages(ROOT);
    }

    /**
     * Every package of ours is a layer here, and every class belongs to one
     * ({@code ensureAllClassesAreContainedInArchitecture}), so a new package fails this test until someone
     * decides where it sits; no layer may be empty, so renaming a package cannot silently empty a rule.
     */
    @Test
    void dependenciesPointOnlyDown() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("Launcher").definedBy(ROOT)
                .layer("App").definedBy(ROOT + ".app..")
                .layer("Cli").definedBy(ROOT + ".cli..")
                .layer("JUnit").definedBy(ROOT + ".junit..")
                .layer("Graph").definedBy(ROOT + ".graph..")
                .layer("Session").definedBy(ROOT + ".session..")
                .layer("Attach").definedBy(ROOT + ".attach..")
                .layer("Heap").definedBy(ROOT + ".heap..")
                .layer("Agent").definedBy(ROOT + ".agent..")
                .layer("Protocol").definedBy(ROOT + ".protocol..")
                .layer("Demo").definedBy(ROOT + ".demo..")
                .ensureAllClassesAreContainedInArchitecture()

                // Main picks the GUI or the command line; nothing else may depend on either front end.
                .whereLayer("Launcher").mayOnlyAccessLayers("App", "Cli")
                .whereLayer("App").mayOnlyBeAccessedByLayers("Launcher")
                .whereLayer("Cli").mayOnlyBeAccessedByLayers("Launcher")
                // The front ends drive a session and may start the bundled demo (cli `demo`, the app's
                // Launch… with the demo's watch rule), but never reach into the agent.
                .whereLayer("App").mayOnlyAccessLayers("Graph", "Session", "Attach", "Heap", "Protocol", "Demo")
                .whereLayer("Cli").mayOnlyAccessLayers("Graph", "Session", "Attach", "Heap", "Protocol", "Demo")
                // The JUnit extension runs the watcher in the test's own JVM and analyses a dump there.
                .whereLayer("JUnit").mayOnlyAccessLayers("Agent", "Heap", "Session", "Protocol")
                // The retain graph's model, layout and exports: drawn by the app, written by `analyze --dot/--svg`.
                .whereLayer("Graph").mayOnlyAccessLayers("Heap")
                // A session serves the app and the CLI alike and must not know which one drives it.
                .whereLayer("Session").mayOnlyAccessLayers("Attach", "Heap", "Protocol")
                // Attaching starts the agent by its jar and options, never by its classes.
                .whereLayer("Attach").mayOnlyAccessLayers("Protocol")
                // The heap engine is headless: HPROF in, answers out.
                .whereLayer("Heap").mayNotAccessAnyLayer()
                // The agent runs inside the user's JVM: it carries only itself and the wire format.
                .whereLayer("Agent").mayOnlyAccessLayers("Protocol")
                .whereLayer("Protocol").mayNotAccessAnyLayer()
                // The demo is an ordinary target application: it leaks, the inspector finds it.
                .whereLayer("Demo").mayNotAccessAnyLayer()

                .check(mainClasses);
    }

    @Test
    void protocolUsesOnlyTheJdkBase() {
        classes().that().resideInAPackage(ROOT + ".protocol..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(ROOT + ".protocol..", "java..")
                .because("the wire format is loaded into the user's JVM by the agent and must bring nothing along")
                .check(mainClasses);
    }

    @Test
    void headlessCoreNeverTouchesAToolkit() {
        noClasses().that().resideInAnyPackage(
                        ROOT + ".protocol..", ROOT + ".heap..", ROOT + ".attach..", ROOT + ".session..",
                        ROOT + ".graph..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "javax.swing..", "java.awt..")
                .because("the CLI and the JUnit extension use the core without a display")
                .check(mainClasses);
    }
}
