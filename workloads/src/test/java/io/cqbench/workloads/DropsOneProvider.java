package io.cqbench.workloads;

import io.cqbench.spi.CqConfig;
import io.cqbench.spi.CqPoster;
import io.cqbench.spi.CqPosterProvider;
import io.cqbench.spi.FullBehavior;
import io.cqbench.spi.ProducerModel;
import io.cqbench.strategies.PerCqeLockProvider;

/**
 * A broken strategy for the end-to-end test: {@code per-cqe-lock} that silently drops every 5000th
 * multishot CQE. Registered only by {@link SmokeIT}, in a services file it writes at test time.
 */
public final class DropsOneProvider implements CqPosterProvider {
    @Override
    public String alias() {
        return "broken-drops-one";
    }

    @Override
    public String description() {
        return "per-cqe-lock that drops every 5000th multishot CQE";
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
        PerCqeLockProvider correct = new PerCqeLockProvider();
        CqConfig correctConfig = CqConfig.of(correct.alias(), correct.settings(), config.entries(), config.eventFd(),
            java.util.Map.of());
        return new BrokenPosters.DropsMultishot(correct.create(correctConfig), 5000);
    }
}
