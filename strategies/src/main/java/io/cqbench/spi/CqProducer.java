package io.cqbench.spi;

/**
 * The posting side of a {@link CqPoster}: one producer, used by one thread at a time. It stands for
 * the kernel context that completes requests, such as task work run for the issuing task.
 *
 * <p>A producer's loop for one task-work batch:
 * <pre>{@code
 * for (each event) {
 *     if (!producer.postMultishot(userData, res, flags | Cqe.F_MORE)) {
 *         // the CQ had no room: the request terminates with this event's result
 *         producer.postTerminal(userData, res, flags & ~Cqe.F_MORE);
 *     }
 * }
 * producer.commit();  // everything posted becomes visible; one commit, one signal
 * }</pre>
 *
 * <p>Ordering promise every strategy keeps: for each {@code user_data}, CQEs reach the CQ in the
 * order this producer posted them, so a request's multishot CQEs precede its terminating CQE.
 * CQEs of different requests may be reordered, as the kernel's deferred array does when it writes
 * the batch's terminating CQEs after its multishot ones.
 */
public interface CqProducer {
    /**
     * Posts a multishot CQE (the caller sets {@link Cqe#F_MORE}), best effort: returns {@code false},
     * posting nothing, when the CQ has no room or its overflow backlog is not empty. The caller must
     * then terminate the request with {@link #postTerminal}. A strategy may accept the CQE into a
     * private batch and make it visible later, at the latest at {@link #commit()}.
     */
    boolean postMultishot(long userData, int res, int flags);

    /**
     * Posts a request's terminating CQE (no {@link Cqe#F_MORE}). It is never lost: when the CQ is
     * full it goes to the overflow backlog, after every CQE already there. It may stay private until
     * {@link #commit()}.
     */
    void postTerminal(long userData, int res, int flags);

    /**
     * Ends a task-work batch: everything posted becomes visible to the consumer, the tail is committed
     * once, and waiters and the eventfd are signalled once, as far as the strategy models them.
     */
    void commit();
}
