package io.cqbench.harness.trace;

/** A capture that cannot be read: a malformed io_uring event line, or no usable content. */
public final class TraceFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public TraceFormatException(String message) {
        super(message);
    }
}
