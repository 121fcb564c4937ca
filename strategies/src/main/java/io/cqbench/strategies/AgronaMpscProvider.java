package io.cqbench.strategies;

import io.cqbench.spi.CqConfig;
import io.cqbench.spi.CqPoster;
import io.cqbench.spi.CqPosterProvider;
import io.cqbench.spi.FullBehavior;
import io.cqbench.spi.ProducerModel;

/** Provides {@code agrona-mpsc}, the CQ as Agrona's many-to-one ring buffer of binary records. */
public final class AgronaMpscProvider implements CqPosterProvider {
    static final String ALIAS = "agrona-mpsc";

    @Override
    public String alias() {
        return ALIAS;
    }

    @Override
    public String description() {
        return "Agrona ManyToOneRingBuffer of 32-byte CQE records: lock-free claim and commit per CQE, one signal per batch";
    }

    @Override
    public ProducerModel producerModel() {
        return ProducerModel.MANY;
    }

    @Override
    public FullBehavior fullBehavior() {
        return FullBehavior.OVERFLOW_BACKLOG;
    }

    /** Agrona caps a record at an eighth of the buffer, and a 32-byte record needs a 256-byte buffer. */
    @Override
    public int minEntries() {
        return 8;
    }

    @Override
    public CqPoster create(CqConfig config) {
        return new AgronaMpscPoster(config);
    }
}
