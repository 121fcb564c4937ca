package io.cqbench.strategies.lincheck;

import io.cqbench.spi.CqPosterProvider;
import org.jetbrains.lincheck.datastructures.Operation;

import java.util.Map;

/**
 * {@link PosterModelCheck} plus operations that post two CQEs before one commit, so that a strategy's
 * private batch contains more than one CQE and is placed as a range, or fills and is placed early.
 */
public abstract class BatchingPosterModelCheck extends PosterModelCheck {
    protected BatchingPosterModelCheck(CqPosterProvider provider, int entries, Map<String, String> settings) {
        super(provider, entries, settings);
    }

    @Operation(nonParallelGroup = "producerA")
    public String twoMultishotsA() {
        return twoMultishots(CheckedCqe.PRODUCER_A);
    }

    @Operation(nonParallelGroup = "producerB")
    public String twoMultishotsB() {
        return twoMultishots(CheckedCqe.PRODUCER_B);
    }
}
