package io.cqbench.spi;

/** The behavior of a strategy when its CQ has no free entry. */
public enum FullBehavior {
    /**
     * The kernel's rules: a multishot CQE is refused ({@link CqProducer#postMultishot} returns
     * {@code false}), a terminating CQE goes to the ordered overflow backlog. Posting never waits for
     * the consumer, so a workload may post and reap on one thread.
     */
    OVERFLOW_BACKLOG,
    /**
     * Posting waits until the consumer frees an entry. Only workloads that reap on another thread
     * can run such a strategy: on one thread the first full ring would hang.
     */
    BLOCK
}
