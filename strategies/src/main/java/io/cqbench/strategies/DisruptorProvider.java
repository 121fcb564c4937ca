package io.cqbench.strategies;

import io.cqbench.spi.CqConfig;
import io.cqbench.spi.CqPoster;
import io.cqbench.spi.CqPosterProvider;
import io.cqbench.spi.FullBehavior;
import io.cqbench.spi.ProducerModel;
import io.cqbench.spi.Setting;

import java.util.List;

/** Provides {@code disruptor}, the CQ as an LMAX Disruptor ring with range claims. */
public final class DisruptorProvider implements CqPosterProvider {
    static final String ALIAS = "disruptor";
    static final String SLOTS = "slots";

    @Override
    public String alias() {
        return ALIAS;
    }

    @Override
    public String description() {
        return "LMAX Disruptor multi-producer ring: CQEs gathered per producer, claimed and published as one range";
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
    public List<Setting> settings() {
        return List.of(Setting.ofInt(SLOTS, 16, 1, 1 << 16, "CQEs gathered per producer before a range is claimed"));
    }

    @Override
    public CqPoster create(CqConfig config) {
        return new DisruptorPoster(config);
    }
}
