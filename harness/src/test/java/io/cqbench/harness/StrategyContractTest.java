package io.cqbench.harness;

import io.cqbench.spi.Cqe;
import io.cqbench.spi.CqPoster;
import io.cqbench.spi.CqPosterProvider;
import io.cqbench.spi.CqProducer;
import io.cqbench.spi.ProducerModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract every strategy on the class path must keep, checked through the ordering verifier:
 * order within and across batches, terminating CQEs after a spilled deferred array, overflow order
 * on tiny rings, nothing lost or duplicated, the producer model, and no allocation per CQE.
 */
class StrategyContractTest {
    static List<String> strategies() {
        return Strategies.load().aliases();
    }

    /** Creates a poster with {@code entries}, or the strategy's minimum when that is larger. */
    private static CqPoster poster(String alias, int entries) {
        int supported = Math.max(entries, Strategies.load().get(alias).minEntries());
        return Strategies.load().create(alias, supported, true, Map.of());
    }

    /** A producer that records every accepted post with the verifier. */
    private static final class Recorder {
        final CqPoster poster;
        final CqProducer producer;
        final OrderingVerifier verifier;
        final long[] userData;
        int sequence;

        Recorder(CqPoster poster, int requests) {
            this.poster = poster;
            this.producer = poster.newProducer();
            this.verifier = new OrderingVerifier(requests, poster.toString());
            this.userData = new long[requests];
            for (int i = 0; i < requests; i++) {
                userData[i] = i;
                verifier.arm(i);
            }
        }

        /** Posts a multishot CQE; when refused, terminates the request as the kernel does. Returns whether it stayed armed. */
        boolean multishot(int request) {
            long ud = userData[request];
            int res = ++sequence;
            if (producer.postMultishot(ud, res, Cqe.F_MORE)) {
                verifier.posted(ud, res, Cqe.F_MORE);
                return true;
            }
            terminal(request, res);
            return false;
        }

        void terminal(int request, int res) {
            producer.postTerminal(userData[request], res, 0);
            verifier.posted(userData[request], res, 0);
        }

        int reapAll() {
            int total = 0;
            int count;
            while ((count = poster.reap(verifier, Integer.MAX_VALUE)) > 0) {
                total += count;
            }
            return total;
        }

        void rearm(int request) {
            userData[request] += 1L << 32;
            verifier.arm(userData[request]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void keepsOrderWithinOneBatch(String alias) {
        Recorder recorder = new Recorder(poster(alias, 512), 8);
        for (int round = 0; round < 10; round++) {
            for (int request = 0; request < 8; request++) {
                assertTrue(recorder.multishot(request), "ring of 512 has room for 80 CQEs");
            }
        }
        recorder.producer.commit();

        assertEquals(80, recorder.reapAll());
        recorder.verifier.checkDrained();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void keepsOrderAcrossBatchesReapedLate(String alias) {
        Recorder recorder = new Recorder(poster(alias, 256), 4);
        for (int batch = 0; batch < 5; batch++) {
            for (int request = 0; request < 4; request++) {
                recorder.multishot(request);
                recorder.multishot(request);
            }
            recorder.producer.commit();
        }

        assertEquals(40, recorder.reapAll());
        recorder.verifier.checkDrained();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void postsNothingVisibleBeyondWhatReapReturns(String alias) {
        Recorder recorder = new Recorder(poster(alias, 64), 1);
        for (int i = 0; i < 10; i++) {
            recorder.multishot(0);
        }
        recorder.producer.commit();

        assertEquals(3, recorder.poster.reap(recorder.verifier, 3), "reap honours its limit");
        assertEquals(7, recorder.reapAll());
        assertEquals(0, recorder.poster.reap(recorder.verifier, 10), "nothing left after the stream is drained");
        recorder.verifier.checkDrained();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void terminatesAfterSpilledDeferredCqes(String alias) {
        // 78 multishot CQEs of two interleaved requests fill a 16-slot private array four times; the
        // last 14 (7 of request 0) are still in the array when request 0 terminates, and one more of
        // request 1 follows without filling it.
        Recorder recorder = new Recorder(poster(alias, 512), 2);
        for (int i = 0; i < 39; i++) {
            assertTrue(recorder.multishot(0));
            assertTrue(recorder.multishot(1));
        }
        recorder.terminal(0, Cqe.ECANCELED);
        assertTrue(recorder.multishot(1));
        recorder.producer.commit();

        assertEquals(80, recorder.reapAll());
        recorder.verifier.checkDrained();
        assertFalse(recorder.verifier.isArmed(0), "request 0 got its terminating CQE");
        assertTrue(recorder.verifier.isArmed(1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void keepsOverflowOrderOnTinyRing(String alias) {
        // A 4-entry ring and 6 requests posting 3 CQEs each per batch: refusals turn into terminating
        // CQEs, which overflow into the backlog behind the ring's entries.
        Recorder recorder = new Recorder(poster(alias, 4), 6);
        boolean[] ended = new boolean[6];
        int reaped = 0;
        for (int batch = 0; batch < 50; batch++) {
            java.util.Arrays.fill(ended, false);
            for (int round = 0; round < 3; round++) {
                for (int request = 0; request < 6; request++) {
                    if (!ended[request] && !recorder.multishot(request)) {
                        ended[request] = true;
                    }
                }
            }
            recorder.producer.commit();
            reaped += recorder.reapAll();
            for (int request = 0; request < 6; request++) {
                if (!recorder.verifier.isArmed(recorder.userData[request])) {
                    recorder.rearm(request);
                }
            }
        }

        recorder.verifier.checkDrained();
        assertEquals(recorder.verifier.postedCount(), reaped);
        assertTrue(recorder.poster.overflowCount() > 0, "the tiny ring overflowed at least once: " + recorder.poster);
        assertTrue(recorder.verifier.terminations() > 0, "refused multishot CQEs terminated requests");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void losesAndDuplicatesNothingInRandomRuns(String alias) {
        for (long seed : new long[] {1, 2, 3, 42, 20261204}) {
            runRandom(alias, seed);
        }
    }

    private static void runRandom(String alias, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int entries = 1 << (1 + random.nextInt(7));
        int requests = 1 + random.nextInt(40);
        Recorder recorder = new Recorder(poster(alias, entries), requests);
        boolean[] closed = new boolean[requests];
        try {
            for (int step = 0; step < 20_000; step++) {
                int action = random.nextInt(100);
                int request = random.nextInt(requests);
                if (action < 70) {
                    if (!closed[request] && !recorder.multishot(request)) {
                        closed[request] = true;
                    }
                } else if (action < 75) {
                    if (!closed[request]) {
                        recorder.terminal(request, Cqe.ECANCELED);
                        closed[request] = true;
                    }
                } else if (action < 90) {
                    recorder.producer.commit();
                } else {
                    recorder.producer.commit();
                    recorder.poster.reap(recorder.verifier, 1 + random.nextInt(2 * entries));
                    for (int r = 0; r < requests; r++) {
                        if (closed[r] && !recorder.verifier.isArmed(recorder.userData[r])) {
                            recorder.rearm(r);
                            closed[r] = false;
                        }
                    }
                }
            }
            recorder.producer.commit();
            recorder.reapAll();
            recorder.verifier.checkDrained();
        } catch (OrderingViolation | IllegalStateException e) {
            throw new AssertionError(alias + " failed with seed " + seed + " (entries=" + entries + ", requests="
                + requests + "): " + e.getMessage(), e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void enforcesItsProducerModel(String alias) {
        CqPosterProvider provider = Strategies.load().get(alias);
        CqPoster poster = poster(alias, 256);
        CqProducer first = poster.newProducer();
        assertNotNull(first);
        if (provider.producerModel() == ProducerModel.SINGLE) {
            assertThrows(IllegalStateException.class, poster::newProducer);
            return;
        }

        // Two producers on one thread, each with its own requests, interleaving their posts.
        CqProducer second = poster.newProducer();
        OrderingVerifier verifier = new OrderingVerifier(2, poster.toString());
        verifier.arm(0);
        verifier.arm(1);
        for (int i = 1; i <= 30; i++) {
            assertTrue(first.postMultishot(0, i, Cqe.F_MORE));
            verifier.posted(0, i, Cqe.F_MORE);
            assertTrue(second.postMultishot(1, i, Cqe.F_MORE));
            verifier.posted(1, i, Cqe.F_MORE);
            if (i % 7 == 0) {
                first.commit();
            }
        }
        first.postTerminal(0, 0, 0);
        verifier.posted(0, 0, 0);
        first.commit();
        second.commit();
        while (poster.reap(verifier, 5) > 0) {
            // keep reaping
        }
        verifier.checkDrained();
        assertEquals(61, verifier.verified());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void describesItselfWithAlias(String alias) {
        assertTrue(poster(alias, 64).toString().startsWith(alias), "toString starts with the alias");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void allocatesNothingPerCqeInSteadyState(String alias) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Recorder recorder = new Recorder(poster(alias, 512), 128);
        // Warm up to the steady state: every array and pool at its final size.
        runPollEvents(recorder, 2_000);
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        runPollEvents(recorder, 2_000);
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;

        long cqes = 2_000L * 128;
        // A few hundred bytes may come from the JIT or the MXBean call itself; one object per CQE would
        // be at least 16 bytes per CQE, 4 MB here.
        assertTrue(allocated < 64 * 1024, alias + " allocated " + allocated + " bytes for " + cqes + " CQEs");
    }

    private static void runPollEvents(Recorder recorder, int events) {
        for (int event = 0; event < events; event++) {
            for (int request = 0; request < recorder.userData.length; request++) {
                recorder.multishot(request);
            }
            recorder.producer.commit();
            recorder.reapAll();
            for (int request = 0; request < recorder.userData.length; request++) {
                if (!recorder.verifier.isArmed(recorder.userData[request])) {
                    recorder.rearm(request);
                }
            }
        }
    }
}
