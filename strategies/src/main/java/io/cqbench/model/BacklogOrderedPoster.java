package io.cqbench.model;

import io.cqbench.spi.CqPoster;
import io.cqbench.spi.CqProducer;
import io.cqbench.spi.CqeHandler;
import io.cqbench.spi.ProducerModel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Base for posters whose overflow goes to an {@link OverflowBacklog}: implements the consumer's reap
 * (ring first, then the backlog once the ring is empty) and the single-producer check. Subclasses
 * supply the ring: {@link #reapRing} and {@link #isRingEmpty}.
 */
public abstract class BacklogOrderedPoster implements CqPoster {
    protected final OverflowBacklog backlog = new OverflowBacklog();
    private final ProducerModel producerModel;
    private final AtomicInteger producers = new AtomicInteger();
    /** {@link #isRingEmpty} as the backlog's drain takes it, created once so that reaping allocates nothing. */
    private final BooleanSupplier ringEmpty = this::isRingEmpty;

    protected BacklogOrderedPoster(ProducerModel producerModel) {
        this.producerModel = producerModel;
    }

    @Override
    public final CqProducer newProducer() {
        int count = producers.incrementAndGet();
        if (producerModel == ProducerModel.SINGLE && count > 1) {
            producers.decrementAndGet();
            throw new IllegalStateException(this + " supports a single producer and already has one");
        }
        return createProducer();
    }

    /** Creates the producer returned by {@link #newProducer()}, after the producer-model check. */
    protected abstract CqProducer createProducer();

    /** Consumer: hands up to {@code limit} published ring entries to {@code handler}. */
    protected abstract int reapRing(CqeHandler handler, int limit);

    /**
     * Consumer: returns whether no ring entry is claimed or published but unreaped. An entry a producer
     * claimed but has not yet published counts as present, so the backlog is not read ahead of it.
     */
    protected abstract boolean isRingEmpty();

    @Override
    public final int reap(CqeHandler handler, int limit) {
        // Read the flag before the ring. A producer appends to the backlog only after its earlier ring
        // entries are visible, and the append releases the flag, so seeing it set guarantees that the
        // ring reads below see those entries. Reading the flag after the ring could hand out a
        // backlogged CQE ahead of a ring entry published just before it.
        boolean backlogPending = backlog.isPending();
        int count = reapRing(handler, limit);
        if (backlogPending && count < limit) {
            count += backlog.drainIfRingEmpty(handler, limit - count, ringEmpty);
        }
        return count;
    }

    @Override
    public final long overflowCount() {
        return backlog.overflowCount();
    }
}
