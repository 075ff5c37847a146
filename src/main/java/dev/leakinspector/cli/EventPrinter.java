package dev.leakinspector.cli;

import dev.leakinspector.attach.AttachResult;
import dev.leakinspector.protocol.Hello;
import dev.leakinspector.protocol.Message;
import dev.leakinspector.session.SessionEnd;

/**
 * Prints a session's events on the command line, as text for people or as JSON Lines for scripts.
 * Called from the session's reader thread and from the main thread; implementations synchronize.
 */
interface EventPrinter {
    void attached(Hello hello, AttachResult result);

    void message(Message message);

    void ended(SessionEnd end, String reasonCode);
}
