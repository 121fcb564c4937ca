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

/**
 * The workload models driven directly, without JMH: every strategy through normal, overflowing and
 * terminating configurations, and broken strategies that the workloads' verifier must reject.
 */
class WorkloadModelTest {
    static List<String> strategies() {
        return Strategies.load().aliases();
    }

    private static CqPoster poster(String alias, int entries) {
        return Strategies.load().create(alias, entries, true, Map.of());
    }

    private static MultishotPoll poll(CqPoster poster, int requests, int cancelEvery) {
        return new MultishotPoll(poster, new OrderingVerifier(requests, poster.toString()), requests, cancelEvery, 0);
    }

    private static MultishotRecv recv(CqPoster poster, int connections, int burst, int buffers, int closeEvery) {
        return new MultishotRecv(poster, new OrderingVerifier(connections, poster.toString()), connections, burst, buffers,
            closeEvery, 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void pollPostsOneCqePerRequestPerEvent(String alias) {
        MultishotPoll workload = poll(poster(alias, 512), 128, 0);
        for (int event = 0; event < 500; event++) {
            workload.event(Integer.MAX_VALUE);
        }
        workload.drainAndCheck();

        assertEquals(500 * 128, workload.verifier().verified());
        assertEquals(0, workload.verifier().terminations(), "a 512-entry ring never refuses 128 CQEs");
        assertEquals(0, workload.poster().overflowCount());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void pollKeepsRulesWhenRingOverflows(String alias) {
        MultishotPoll workload = poll(poster(alias, 32), 128, 0);
        for (int event = 0; event < 300; event++) {
            workload.event(Integer.MAX_VALUE);
        }
        workload.drainAndCheck();

        assertEquals(300 * 128, workload.verifier().verified());
        assertTrue(workload.verifier().terminations() > 0, "refused CQEs terminated requests");
        assertTrue(workload.poster().overflowCount() > 0, "terminating CQEs overflowed a 32-entry ring");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void pollCancelsOneRequestEveryNEvents(String alias) {
        MultishotPoll workload = poll(poster(alias, 512), 16, 4);
        for (int event = 0; event < 400; event++) {
            workload.event(Integer.MAX_VALUE);
        }
        workload.drainAndCheck();

        assertEquals(100, workload.verifier().terminations());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void recvReturnsEveryBuffer(String alias) {
        for (int connections : new int[] {1, 16, 128}) {
            MultishotRecv workload = recv(poster(alias, 512), connections, 1, 4096, 0);
            for (int round = 0; round < 200; round++) {
                workload.round(Integer.MAX_VALUE);
            }
            workload.drainAndCheck();

            assertEquals(200L * connections, workload.verifier().verified());
            assertEquals(0, workload.verifier().terminations());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void recvTerminatesOnNoBuffersAndPeerClose(String alias) {
        MultishotRecv workload = recv(poster(alias, 64), 128, 4, 64, 5);
        long posted = 0;
        for (int round = 0; round < 200; round++) {
            posted += workload.round(Integer.MAX_VALUE);
        }
        workload.drainAndCheck();

        assertEquals(posted, workload.verifier().verified());
        assertTrue(workload.verifier().terminations() >= 200 * 64,
            "64 buffers for 128 connections end at least 64 recvs per round: " + workload.verifier().terminations());
        assertTrue(workload.poster().overflowCount() > 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void burstsEndWithPeerCloseAfterMultishotCqes(String alias) {
        MultishotRecv workload = recv(poster(alias, 512), 16, 8, 4096, 6);
        long posted = 0;
        for (int round = 0; round < 100; round++) {
            posted += workload.round(Integer.MAX_VALUE);
        }
        workload.drainAndCheck();

        assertEquals(posted, workload.verifier().verified());
        assertTrue(workload.verifier().terminations() > 100, "peer closes end bursts: " + workload.verifier().terminations());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void budgetCapsTheCqesOfOneRound(String alias) {
        MultishotPoll pollWorkload = poll(poster(alias, 512), 128, 0);
        MultishotRecv recvWorkload = recv(poster(alias, 512), 100, 3, 4096, 0);

        assertEquals(100, pollWorkload.event(100));
        assertEquals(128, pollWorkload.event(1024));
        assertEquals(7, recvWorkload.round(7));
        assertEquals(300, recvWorkload.round(1024));
        pollWorkload.drainAndCheck();
        recvWorkload.drainAndCheck();
    }

    @Test
    void droppedCqeFailsTheWorkload() {
        CqPoster broken = new BrokenPosters.DropsMultishot(poster("per-cqe-lock", 512), 1000);
        MultishotPoll workload = poll(broken, 128, 0);

        OrderingViolation violation = assertThrows(OrderingViolation.class, () -> {
            for (int event = 0; event < 100; event++) {
                workload.event(Integer.MAX_VALUE);
            }
        });

        assertTrue(violation.getMessage().contains("were never reaped"), violation.getMessage());
        assertTrue(violation.getMessage().contains("DropsMultishot"), violation.getMessage());
    }

    @Test
    void duplicatedCqeFailsTheWorkload() {
        CqPoster broken = new BrokenPosters.DuplicatesMultishot(poster("jctools-mpsc", 512), 700);
        MultishotRecv workload = recv(broken, 16, 1, 4096, 0);

        OrderingViolation violation = assertThrows(OrderingViolation.class, () -> {
            for (int round = 0; round < 100; round++) {
                workload.round(Integer.MAX_VALUE);
            }
            workload.drainAndCheck();
        });

        assertTrue(violation.getMessage().contains("duplicated CQE"), violation.getMessage());
    }

    @Test
    void terminalBypassingDeferredArrayFailsPoll() {
        CqPoster broken = new BrokenPosters.TerminalBypassesArray(poster("per-cqe-lock", 512));
        MultishotPoll workload = poll(broken, 16, 3);

        OrderingViolation violation = assertThrows(OrderingViolation.class, () -> {
            for (int event = 0; event < 10; event++) {
                workload.event(Integer.MAX_VALUE);
            }
        });

        assertTrue(violation.getMessage().contains("terminating CQE overtook"), violation.getMessage());
    }

    @Test
    void terminalBypassingDeferredArrayFailsRecv() {
        CqPoster broken = new BrokenPosters.TerminalBypassesArray(poster("jctools-mpsc", 512));
        MultishotRecv workload = recv(broken, 4, 4, 4096, 3);

        OrderingViolation violation = assertThrows(OrderingViolation.class, () -> workload.round(Integer.MAX_VALUE));

        assertTrue(violation.getMessage().contains("terminating CQE overtook"), violation.getMessage());
    }
}
