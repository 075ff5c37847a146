package dev.leakinspector.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WatchRuleTest {
    @Test
    void thisOfEveryOverload() {
        WatchRule rule = WatchRule.parse("com.acme.Session#close:this");
        assertEquals("com.acme.Session", rule.className());
        assertEquals("close", rule.methodName());
        assertNull(rule.parameterTypes());
        assertFalse(rule.namesOneOverload());
        assertEquals(WatchRule.Target.THIS, rule.target());
        assertEquals(-1, rule.argumentIndex());
        assertEquals("rule com.acme.Session#close:this", rule.trigger());
    }

    @Test
    void returnValue() {
        WatchRule rule = WatchRule.parse("com.acme.Pool#borrow:return");
        assertEquals(WatchRule.Target.RETURN, rule.target());
    }

    @Test
    void argumentOfOneOverloadWithSpacesNormalised() {
        WatchRule rule = WatchRule.parse("  com.acme.Registry$Inner # remove( java.lang.String , com.acme.Session [] , int ) : arg1 ");
        assertEquals("com.acme.Registry$Inner", rule.className());
        assertEquals(List.of("java.lang.String", "com.acme.Session[]", "int"), rule.parameterTypes());
        assertEquals(WatchRule.Target.ARGUMENT, rule.target());
        assertEquals(1, rule.argumentIndex());
        assertEquals("com.acme.Registry$Inner#remove(java.lang.String,com.acme.Session[],int):arg1", rule.spec());
    }

    @Test
    void emptyParameterListMeansTheOverloadWithoutParameters() {
        WatchRule rule = WatchRule.parse("a.B#close():this");
        assertTrue(rule.namesOneOverload());
        assertEquals(List.of(), rule.parameterTypes());
        assertEquals("a.B#close():this", rule.spec());
    }

    @Test
    void classInTheDefaultPackageAndLargestArgument() {
        assertEquals(254, WatchRule.parse("Main#run:arg254").argumentIndex());
    }

    @Test
    void equalRulesAreEqualWhateverTheSpacing() {
        assertEquals(WatchRule.parse("a.B#c:this"), WatchRule.parse(" a.B # c : this "));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "\"\"                                 | empty watch rule",
            "com.acme.Session.close:this         | no '#' between class and method",
            "com.acme.Session#close              | no ':<target>' at the end",
            "com.acme.Session#close:             | no target after ':'",
            "com.acme.Session#close:self         | unknown target 'self'; targets: this, return, arg0, arg1, ...",
            "com.acme.Session#close:arg          | unknown target 'arg'",
            "com.acme.Session#close:arg-1        | unknown target 'arg-1'",
            "com.acme.Session#close:arg255       | a method has at most 255 arguments",
            "com.acme.Session#close:arg99999999999 | a method has at most 255 arguments",
            "#close:this                         | no class before '#'",
            "com..acme.Session#close:this        | 'com..acme.Session' is not a class name",
            "com.acme.Session.#close:this        | 'com.acme.Session.' is not a class name",
            "com.acme.1Session#close:this        | 'com.acme.1Session' is not a class name",
            "com/acme/Session#close:this         | 'com/acme/Session' is not a class name",
            "com.acme.Session#:this              | no method name after '#'",
            "com.acme.Session#clo-se:this        | 'clo-se' is not a method name",
            "com.acme.Session#<init>:this        | constructors and initialisers cannot end a lifecycle",
            "com.acme.Session#a#b:this           | more than one '#'",
            "com.acme.Session#close(int:this     | the parameter list has no closing ')'",
            "com.acme.Session#close):this        | ')' without '('",
            "com.acme.Session#close(int,):this   | an empty parameter type (stray comma?)",
            "com.acme.Session#close(in t):this   | 'in t' is not a parameter type",
            "com.acme.Session#close(int):arg1    | 'arg1' but the method named has 1 parameter (arguments count from arg0)",
            "com.acme.Session#close():arg0       | 'arg0' but the method named has 0 parameters",
            "com.acme.Session#close(int):arg0    | 'arg0' is a int, and only objects can be watched",
    })
    void malformedRulesSayWhatIsWrong(String spec, String problem) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> WatchRule.parse(spec));
        assertTrue(error.getMessage().contains(problem), error.getMessage());
        assertTrue(error.getMessage().contains("e.g. com.acme.Session#close:this"), "shows an example: " + error.getMessage());
        if (!spec.isEmpty()) {
            assertTrue(error.getMessage().startsWith("watch rule '" + spec.strip() + "': "), "quotes the rule: " + error.getMessage());
        }
    }

    @Test
    void nullIsMalformedToo() {
        assertThrows(IllegalArgumentException.class, () -> WatchRule.parse(null));
    }
}
