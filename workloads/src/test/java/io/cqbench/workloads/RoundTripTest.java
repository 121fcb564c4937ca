package io.cqbench.workloads;

import io.cqbench.harness.OrderingVerifier;
import io.cqbench.harness.OrderingViolation;
import io.cqbench.harness.Strategies;
import io.cqbench.spi.CqPoster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The round-trip model driven directly, without JMH, on every strategy and on broken ones. */
class RoundTripTest {
    static List<String> strategies() {
        return Strategies.load().aliases();
    }

    private static CqPoster poster(String alias, int entries) {
        return Strategies.load().create(alias, entries, true, Map.of());
    }

    private static RoundTrip roundTrip(CqPoster poster, int batch) {
        return new RoundTrip(poster, new OrderingVerifier(batch, poster.toString()), batch, 0);
    }

    private static void run(RoundTrip workload, int roundTrips) {
        for (int i = 0; i < roundTrips; i++) {
            workload.roundTrip();
            workload.finishBatch();
        }
        workload.drainAndCheck();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void everyCqeOfEveryBatchIsVerified(String alias) {
        RoundTrip workload = roundTrip(poster(alias, 512), 16);

        run(workload, 1000);

        assertEquals(1000 * 16, workload.verifier().verified());
        assertEquals(1000, workload.answers());
        assertEquals(0, workload.verifier().terminations(), "a 512-entry ring never refuses 16 CQEs");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void singleCqeBatchesCommitEachCqe(String alias) {
        RoundTrip workload = roundTrip(poster(alias, 512), 1);

        run(workload, 500);

        assertEquals(500, workload.verifier().verified());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void overflowingRingTerminatesAndRearms(String alias) {
        int entries = Math.max(8, Strategies.load().get(alias).minEntries());
        RoundTrip workload = roundTrip(poster(alias, entries), 64);

        run(workload, 200);

        assertEquals(200 * 64, workload.verifier().verified());
        assertTrue(workload.verifier().terminations() > 0, "a batch of 64 overflows a ring of " + entries);
        assertTrue(workload.poster().overflowCount() > 0, "terminating CQEs went to the backlog");
    }

    @Test
    void perCqeStrategyAnswersBeforeBatchEnds() {
        RoundTrip workload = roundTrip(poster("per-cqe-lock", 512), 16);

        workload.roundTrip();

        assertEquals(1, workload.verifier().verified(), "per-cqe-lock commits the measured CQE at once");
        workload.finishBatch();
        assertEquals(16, workload.verifier().verified());
    }

    @Test
    void deferredStrategyHoldsCqeUntilCommit() {
        RoundTrip workload = roundTrip(poster("deferred-array", 512), 16);

        workload.roundTrip();

        assertEquals(16, workload.verifier().verified(), "deferred-array shows the batch only at its commit");
    }

    @Test
    void roundTripWithoutFinishBatchIsRejected() {
        RoundTrip perCqe = roundTrip(poster("per-cqe-lock", 512), 16);
        perCqe.roundTrip();

        IllegalStateException error = assertThrows(IllegalStateException.class, perCqe::roundTrip);

        assertTrue(error.getMessage().contains("call finishBatch()"), error.getMessage());
    }

    @Test
    void droppedCqeFailsTheRoundTrip() {
        CqPoster broken = new BrokenPosters.DropsMultishot(poster("per-cqe-lock", 512), 100);
        RoundTrip workload = roundTrip(broken, 16);

        OrderingViolation violation = assertThrows(OrderingViolation.class, () -> run(workload, 100));

        assertTrue(violation.getMessage().contains("were never reaped"), violation.getMessage());
    }

    @Test
    void duplicatedCqeFailsTheRoundTrip() {
        CqPoster broken = new BrokenPosters.DuplicatesMultishot(poster("deferred-array", 512), 100);
        RoundTrip workload = roundTrip(broken, 16);

        OrderingViolation violation = assertThrows(OrderingViolation.class, () -> run(workload, 100));

        assertTrue(violation.getMessage().contains("duplicated CQE"), violation.getMessage());
    }
}
