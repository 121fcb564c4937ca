package io.cqbench.harness;

/** Maps a CQE's {@code user_data} to the request number {@link OrderingVerifier} keeps state under. */
@FunctionalInterface
public interface UserDataIndex {
    /**
     * The workloads' convention: the low 32 bits are the request number, and the high 32 bits are free
     * for an arming generation.
     */
    UserDataIndex LOW_32_BITS = userData -> (int) userData;

    /** Returns the request number of {@code userData}, or a negative value when it names no request. */
    int indexOf(long userData);
}
