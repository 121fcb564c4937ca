package io.cqbench.strategies;

import io.cqbench.spi.CqConfig;
import io.cqbench.spi.CqPoster;
import io.cqbench.spi.CqPosterProvider;
import io.cqbench.spi.FullBehavior;
import io.cqbench.spi.ProducerModel;
import io.cqbench.spi.Setting;

import java.util.List;

/** Provides {@code per-cqe-lock}, the kernel's posting path before the batching patch. */
public final class PerCqeLockProvider implements CqPosterProvider {
    static final String ALIAS = "per-cqe-lock";
    static final String LOCK = "lock";

    /** The completion-lock setting shared by the strategies that take the lock. */
    static final Setting LOCK_SETTING = Setting.ofChoice(LOCK,
        "completion lock: a test-and-test-and-set spin lock like the kernel's, or java.util.concurrent ReentrantLock",
        "spin", "reentrant");

    @Override
    public String alias() {
        return ALIAS;
    }

    @Override
    public String description() {
        return "pre-patch path: lock, write, commit, unlock, wake and signal for every CQE";
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
        return List.of(LOCK_SETTING);
    }

    @Override
    public CqPoster create(CqConfig config) {
        return new PerCqeLockPoster(config);
    }
}
