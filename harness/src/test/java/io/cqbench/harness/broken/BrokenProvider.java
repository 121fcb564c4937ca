package io.cqbench.harness.broken;

import io.cqbench.spi.CqPosterProvider;
import io.cqbench.spi.FullBehavior;
import io.cqbench.spi.ProducerModel;

/**
 * Base of the catalog of deliberately broken strategies: each is a plausible mistake, and the
 * conformance kit must reject each with a message naming the mistake's symptom. The catalog lives in
 * test scope only. Tests that need its services file write it into a jar, so no run or contract test
 * picks these strategies up by accident.
 */
public abstract class BrokenProvider implements CqPosterProvider {
    private final String alias;
    private final String mistake;

    protected BrokenProvider(String alias, String mistake) {
        this.alias = alias;
        this.mistake = mistake;
    }

    @Override
    public final String alias() {
        return alias;
    }

    @Override
    public final String description() {
        return "deliberately broken: " + mistake;
    }

    @Override
    public ProducerModel producerModel() {
        return ProducerModel.MANY;
    }

    @Override
    public FullBehavior fullBehavior() {
        return FullBehavior.OVERFLOW_BACKLOG;
    }
}
