package com.example.cqbench;

import io.cqbench.spi.CqConfig;
import io.cqbench.spi.CqPoster;
import io.cqbench.spi.CqPosterProvider;
import io.cqbench.spi.FullBehavior;
import io.cqbench.spi.ProducerModel;

/**
 * Provides {@code example-synchronized}: per-CQE posting with Java's intrinsic monitor as the
 * completion lock. cqbench finds this class through its line in
 * {@code META-INF/services/io.cqbench.spi.CqPosterProvider} and creates it with the public no-argument
 * constructor.
 */
public final class ExampleSynchronizedProvider implements CqPosterProvider {
    static final String ALIAS = "example-synchronized";

    @Override
    public String alias() {
        return ALIAS;
    }

    @Override
    public String description() {
        return "per-cqe-lock with a synchronized block as the completion lock: lock, write, commit, unlock,"
            + " wake and signal for every CQE";
    }

    @Override
    public ProducerModel producerModel() {
        return ProducerModel.MANY;
    }

    @Override
    public FullBehavior fullBehavior() {
        return FullBehavior.OVERFLOW_BACKLOG;
    }

    @Override
    public CqPoster create(CqConfig config) {
        return new ExampleSynchronizedPoster(config.entries(), config.eventFd());
    }
}
