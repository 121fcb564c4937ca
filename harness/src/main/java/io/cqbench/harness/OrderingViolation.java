package io.cqbench.harness;

/**
 * A CQ stream that broke the ordering rule or lost, duplicated or invented a CQE. Thrown by
 * {@link OrderingVerifier}; inside a benchmark it fails that benchmark.
 */
public final class OrderingViolation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long userData;
    private final long position;

    public OrderingViolation(String message, long userData, long position) {
        super(message);
        this.userData = userData;
        this.position = position;
    }

    /** Returns the {@code user_data} of the offending CQE or request. */
    public long userData() {
        return userData;
    }

    /** Returns the 0-based position in the reaped CQ stream, or -1 for a check made after draining. */
    public long position() {
        return position;
    }
}
