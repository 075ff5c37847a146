package dev.leakinspector;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * JavaFX's class-path warning is dropped and every other JavaFX message is kept, on the logger JavaFX really
 * writes to ({@code System.getLogger("javafx")}, as its PlatformLogger does).
 */
class ClassPathFxWarningTest {
    @Test
    void onlyTheClassPathWarningIsDropped() {
        ClassPathFxWarning.silence();
        Logger javafx = Logger.getLogger("javafx");
        List<String> published = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                published.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        javafx.addHandler(handler);
        try {
            System.Logger logger = System.getLogger("javafx");
            logger.log(System.Logger.Level.WARNING, "Unsupported JavaFX configuration: classes were loaded from 'unnamed module @1'");
            logger.log(System.Logger.Level.WARNING, "Could not resolve '-li-leak' while resolving lookups");
        } finally {
            javafx.removeHandler(handler);
        }
        assertEquals(List.of("Could not resolve '-li-leak' while resolving lookups"), published);
    }
}
