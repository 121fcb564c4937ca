package io.cqbench.workloads;

import io.cqbench.spi.CqConfig;
import io.cqbench.spi.CqPoster;
import io.cqbench.spi.CqPosterProvider;
import io.cqbench.spi.FullBehavior;
import io.cqbench.spi.ProducerModel;
import io.cqbench.strategies.PerCqeLockProvider;
import org.openjdk.jmh.infra.Blackhole;

import java.util.Map;

/**
 * A test fixture for {@code compare}: {@code per-cqe-lock} that burns
 * {@code -Dcqbench.fixture.delayTokens} {@link Blackhole#consumeCPU} tokens per posted CQE. The delay is
 * a JVM option, not a parameter, so runs with and without it pair as the same benchmark. Registered only
 * by {@link SmokeIT}.
 */
public final class SlowableProvider implements CqPosterProvider {
    @Override
    public String alias() {
        return "fixture-slowable";
    }

    @Override
    public String description() {
        return "per-cqe-lock slowed by -Dcqbench.fixture.delayTokens per CQE";
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
        CqPoster poster = correct.create(CqConfig.of(correct.alias(), correct.settings(), config.entries(), config.eventFd(), Map.of()));
        long delay = Long.getLong("cqbench.fixture.delayTokens", 0);
        return new BrokenPosters.Wrapper(poster) {
            @Override
            io.cqbench.spi.CqProducer wrap(io.cqbench.spi.CqProducer producer) {
                return new BrokenPosters.PassThrough(producer) {
                    @Override
                    public boolean postMultishot(long userData, int res, int flags) {
                        Blackhole.consumeCPU(delay);
                        return producer.postMultishot(userData, res, flags);
                    }

                    @Override
                    public void postTerminal(long userData, int res, int flags) {
                        Blackhole.consumeCPU(delay);
                        producer.postTerminal(userData, res, flags);
                    }
                };
            }
        };
    }
}
