package io.cqbench.spi;

import io.cqbench.model.PostSignals;

/**
 * One completion queue and the strategy that posts CQEs into it: the unit cqbench benchmarks.
 * Created by a {@link CqPosterProvider}, one per ring and benchmark fork.
 *
 * <p>Producers come from {@link #newProducer()}; the consumer is whichever single thread calls
 * {@link #reap}. The consumer's loop:
 * <pre>{@code
 * int n = poster.reap(handler, limit);  // 0 means nothing visible now, not the end of the stream
 * }</pre>
 *
 * <p>When the ring is full, {@link FullBehavior#OVERFLOW_BACKLOG} strategies keep the overflowing
 * terminating CQEs in an ordered backlog. {@link #reap} hands them out after the ring's entries, in
 * backlog order, which is the order the kernel reaches by moving its backlog into the ring once the
 * application has made room.
 */
public interface CqPoster {
    /**
     * Returns a new producer. A {@link ProducerModel#SINGLE} strategy throws
     * {@link IllegalStateException} on the second call.
     */
    CqProducer newProducer();

    /**
     * Hands up to {@code limit} visible CQEs to {@code handler} in CQ order and frees their entries.
     * Returns how many it handed out; 0 means none is visible now. Called by one thread at a time.
     */
    int reap(CqeHandler handler, int limit);

    /** Returns how many CQEs went to the overflow backlog since creation. */
    long overflowCount();

    /**
     * Returns the signals every commit of this poster sends: the CQ wait queue, where a consumer may
     * sleep until a commit wakes it, and the eventfd. Returns {@code null} when the strategy does not
     * commit through {@link PostSignals}; a consumer then cannot sleep on this poster and must poll.
     */
    default PostSignals postSignals() {
        return null;
    }

    /** Describes the strategy with its settings, for example {@code deferred-array{slots=16, lock=spin}}. */
    @Override
    String toString();
}
