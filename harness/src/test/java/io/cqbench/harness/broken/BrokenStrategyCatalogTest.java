package io.cqbench.harness.broken;

import io.cqbench.harness.conform.Conformance;
import io.cqbench.harness.conform.ConformanceReport;
import io.cqbench.harness.conform.PropertyResult;
import io.cqbench.spi.CqPosterProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every broken strategy of the catalog must be rejected by the conformance kit, by the property meant
 * to catch it and with a reason naming the mistake's symptom. The correct model they are built on
 * must pass. A kit that passes any broken strategy has a bug.
 */
class BrokenStrategyCatalogTest {
    static final Conformance.Options OPTIONS = Conformance.Options.defaults()
        .withStressTime(Duration.ofSeconds(3)).withTimeLimit(Duration.ofSeconds(30));

    /** Each broken strategy, the property that must fail, and words of the symptom its reason must contain. */
    static Stream<Arguments> catalog() {
        return Stream.of(
            Arguments.of(new DropsOneProvider(), "commit-publishes", "lost"),
            Arguments.of(new DuplicatesOneProvider(), "commit-publishes", "duplicated CQE"),
            Arguments.of(new LosesPartialBatchProvider(), "order-across-batches", "lost or never made visible by commit()"),
            Arguments.of(new TerminalBypassProvider(), "terminal-after-deferred", "terminating CQE overtook"),
            Arguments.of(new RingWhileBacklogProvider(), "backlog-first", "while the overflow backlog held CQEs"),
            Arguments.of(new EarlyTailProvider(), "concurrent-stress", "read before its fields were written"),
            Arguments.of(new OvertakingProducersProvider(), "concurrent-stress", "overtook each other between producers"));
    }

    /**
     * Mistakes that only a race exposes are caught with a probability per stress run, high but below 1
     * on a loaded machine, so they get up to {@value #RACE_ATTEMPTS} runs of the kit.
     */
    private static final int RACE_ATTEMPTS = 3;

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalog")
    void kitRejectsBrokenStrategy(CqPosterProvider broken, String property, String symptom) {
        int attempts = property.equals("concurrent-stress") ? RACE_ATTEMPTS : 1;
        ConformanceReport report = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            Conformance.Options options = OPTIONS.withSeed(OPTIONS.seed() + attempt - 1);
            report = Conformance.check(broken, options);
            report.print(System.out);
            if (!report.passed()) {
                System.out.println(broken.alias() + " caught in run " + attempt + " of at most " + attempts
                    + " (seed 0x" + Long.toHexString(options.seed()) + ")");
                break;
            }
        }

        assertFalse(report.passed(), broken.alias() + " passed the kit " + attempts + " time(s) from seed 0x"
            + Long.toHexString(OPTIONS.seed()));
        PropertyResult result = report.results().stream().filter(r -> r.property().equals(property)).findFirst().orElseThrow();
        assertEquals(PropertyResult.Verdict.FAIL, result.verdict(), property + " must catch " + broken.alias());
        assertTrue(result.reason().contains(symptom), result.reason());
    }

    @Test
    void correctModelPasses() {
        ConformanceReport report = Conformance.check(new CorrectModelProvider(), OPTIONS);
        report.print(System.out);

        assertTrue(report.passed(), "the catalog's control failed: " + report.results());
    }
}
