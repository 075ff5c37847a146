package dev.leakinspector.protocol;

import java.io.IOException;

/** The peer sent bytes that are not a valid frame or message; the message is the human-readable reason. Immutable. */
public class ProtocolException extends IOException {
    public ProtocolException(String reason) {
        super(reason);
    }

    public ProtocolException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
