package dev.leakinspector.app;

import javafx.css.CssParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URL;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The app's stylesheets parse without an error. JavaFX only logs a CSS error and drops the rules after it, so a
 * broken brace (easy to leave behind when two changes append rules at the end of one file) would otherwise go
 * unnoticed until someone sees the dark theme half applied.
 */
class StylesheetsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/dev/leakinspector/app/leak-inspector.css", "/dev/leakinspector/app/graph/graph.css"})
    void parsesWithoutErrors(String resource) throws Exception {
        URL url = Objects.requireNonNull(StylesheetsTest.class.getResource(resource), resource);
        CssParser.errorsProperty().clear();
        new CssParser().parse(url);
        List<String> errors = CssParser.errorsProperty().stream().map(Object::toString).toList();
        assertEquals(List.of(), errors, resource);
    }

    @Test
    void anUnclosedRuleIsCaught() throws Exception {
        CssParser.errorsProperty().clear();
        new CssParser().parse("test", ".a {\n -fx-padding: 1;\n\n.b { -fx-padding: 2; }\n");
        assertEquals(1, CssParser.errorsProperty().size(), "the check must see what a missing brace does");
    }
}
