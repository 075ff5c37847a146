package dev.leakinspector.protocol;

/** A {@link Hello} carried a protocol version other than {@link Protocol#VERSION}. Immutable. */
public final class UnsupportedVersionException extends ProtocolException {
    private final int version;

    public UnsupportedVersionException(int version) {
        super("unsupported protocol version " + version + " (this side speaks " + Protocol.VERSION + ")");
        this.version = version;
    }

    /** The version the peer announced. */
    public int version() {
        return version;
    }
}
