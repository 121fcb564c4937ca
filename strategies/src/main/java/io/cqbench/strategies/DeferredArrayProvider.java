package io.cqbench.strategies;

import io.cqbench.spi.CqConfig;
import io.cqbench.spi.CqPoster;
import io.cqbench.spi.CqPosterProvider;
import io.cqbench.spi.FullBehavior;
import io.cqbench.spi.ProducerModel;
import io.cqbench.spi.Setting;

import java.util.List;

/** Provides {@code deferred-array}, the batching patch's private CQE array. */
public final class DeferredArrayProvider implements CqPosterProvider {
    static final String ALIAS = "deferred-array";
    static final String SLOTS = "slots";
    static final String LOCK = PerCqeLockProvider.LOCK;

    @Override
    public String alias() {
        return ALIAS;
    }

    @Override
    public String description() {
        return "the patch: multishot CQEs batched in a private array, one lock, commit and signal per batch";
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
        return List.of(
            Setting.ofInt(SLOTS, 16, 1, 1 << 16, "entries in the private multishot array (the kernel uses 16)"),
            PerCqeLockProvider.LOCK_SETTING);
    }

    @Override
    public CqPoster create(CqConfig config) {
        return new DeferredArrayPoster(config);
    }
}
