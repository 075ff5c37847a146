package dev.leakinspector.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

class LeakInspectionSettingsTest {
    @LeakInspection(graceMillis = 200, ignore = "com.acme.cache.*", failOn = FailOn.RETAINED, keepDumpOnFailure = true)
    static class Annotated {
        void plain() {
        }

        @LeakInspection(graceMillis = 50)
        void ownSettings() {
        }

        @org.junit.jupiter.api.Nested
        class Inner {
            void test() {
            }
        }
    }

    static class Plain {
        void test() {
        }
    }

    @Test
    void withoutAnnotationOrParameterTheDefaultsApply() throws Exception {
        assertEquals(LeakInspectionSettings.defaults(), resolve(Plain.class, "test", Map.of()));
        assertEquals(500, LeakInspectionSettings.defaults().graceMillis());
        assertEquals(FailOn.LEAK, LeakInspectionSettings.defaults().failOn());
    }

    @Test
    void theClassAnnotationAppliesAndAMethodAnnotationWins() throws Exception {
        assertEquals(new LeakInspectionSettings(200, List.of("com.acme.cache.*"), FailOn.RETAINED, true),
                resolve(Annotated.class, "plain", Map.of()));
        assertEquals(new LeakInspectionSettings(50, List.of(), FailOn.LEAK, false),
                resolve(Annotated.class, "ownSettings", Map.of()));
        assertEquals(200, resolve(Annotated.Inner.class, "test", Map.of()).graceMillis(), "a nested class inherits");
    }

    @Test
    void parametersWinOverTheAnnotationAndIgnoresAddUp() throws Exception {
        LeakInspectionSettings settings = resolve(Annotated.class, "plain", Map.of(
                LeakInspectionSettings.GRACE_PROPERTY, " 1000 ",
                LeakInspectionSettings.IGNORE_PROPERTY, "org.acme.*, ,javafx.scene.control.Tooltip",
                LeakInspectionSettings.FAIL_ON_PROPERTY, "Leak",
                LeakInspectionSettings.KEEP_DUMP_PROPERTY, "false"));
        assertEquals(new LeakInspectionSettings(1000,
                List.of("com.acme.cache.*", "org.acme.*", "javafx.scene.control.Tooltip"), FailOn.LEAK, false), settings);
    }

    @Test
    void rulesFromThePropertyAddToTheAnnotationsSplitOnlyBetweenRules() throws Exception {
        LeakInspectionSettings settings = resolve(WithRules.class, "test", Map.of(LeakInspectionSettings.RULES_PROPERTY,
                " com.acme.Pool#borrow(java.lang.String,int):return ,, com.acme.Session#close:this"));
        assertEquals(List.of("com.acme.Session#close:this", "com.acme.Pool#borrow(java.lang.String,int):return"),
                settings.rules());
        assertEquals(List.of(), resolve(Plain.class, "test", Map.of()).rules());
    }

    @Test
    void badValuesAreRefusedNamingTheSetting() {
        for (Map<String, String> bad : List.of(Map.of(LeakInspectionSettings.GRACE_PROPERTY, "soon"),
                Map.of(LeakInspectionSettings.GRACE_PROPERTY, "-1"),
                Map.of(LeakInspectionSettings.GRACE_PROPERTY, "600000"),
                Map.of(LeakInspectionSettings.FAIL_ON_PROPERTY, "never"),
                Map.of(LeakInspectionSettings.KEEP_DUMP_PROPERTY, "yes"),
                Map.of(LeakInspectionSettings.RULES_PROPERTY, "com.acme.Session.close"))) {
            ExtensionConfigurationException e = assertThrows(ExtensionConfigurationException.class,
                    () -> resolve(Plain.class, "test", bad));
            String value = bad.values().iterator().next();
            assertTrue(e.getMessage().contains(value) && e.getMessage().startsWith("Leak Inspector: "), e.getMessage());
        }
    }

    @LeakInspection(rules = "com.acme.Session#close:this")
    static class WithRules {
        void test() {
        }
    }

    private static LeakInspectionSettings resolve(Class<?> type, String method, Map<String, String> parameters)
            throws Exception {
        Method test = type.getDeclaredMethod(method);
        return LeakInspectionSettings.resolve(test, type, name -> Optional.ofNullable(parameters.get(name)));
    }
}
