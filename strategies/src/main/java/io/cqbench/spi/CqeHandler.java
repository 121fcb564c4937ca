package io.cqbench.spi;

/**
 * Receives reaped CQEs, one call per CQE, in CQ order. The application side of a ring.
 */
@FunctionalInterface
public interface CqeHandler {
    /** Handles one CQE. Runs on the thread that called {@link CqPoster#reap}. */
    void onCqe(long userData, int res, int flags);
}
