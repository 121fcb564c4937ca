package io.cqbench.workloads;

import io.cqbench.harness.OrderingVerifier;
import io.cqbench.harness.OrderingViolation;
import io.cqbench.harness.Strategies;
import io.cqbench.harness.UsageException;
import io.cqbench.harness.trace.CqeStream;
import io.cqbench.spi.CqPoster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The replay of real captures through every strategy, and what it must catch. */
class TraceReplayTest {
    private static final Path TRACES = Path.of("..", "harness", "src", "test", "resources", "traces");
    private static final List<String> CAPTURES = List.of("recv-multishot-enobufs.ftrace.txt",
        "recv-multishot-enobufs.perf-script.txt", "recv-multishot-peer-close.ftrace.txt",
        "poll-multishot-128-eventfd.ftrace.txt.gz");

    static List<String> strategies() {
        return Strategies.load().aliases();
    }

    private static CqeStream stream(String capture) throws Exception {
        return TraceSource.read(TRACES.resolve(capture).toString()).stream();
    }

    private static TraceReplay replay(CqPoster poster, CqeStream stream) {
        return new TraceReplay(poster, new OrderingVerifier(stream.requests(), poster.toString(), stream.index()), stream, 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void replaysEveryCaptureExactly(String alias) throws Exception {
        for (String capture : CAPTURES) {
            CqeStream stream = stream(capture);
            TraceReplay replay = replay(Strategies.load().create(alias, 4096, true, Map.of()), stream);
            long posted = 0;
            // Three passes over the capture, in invocation-sized slices, as the benchmark replays it.
            while (posted < 3L * stream.size()) {
                for (int remaining = 1024; remaining > 0; ) {
                    int count = replay.batch(remaining);
                    remaining -= count;
                    posted += count;
                }
            }
            replay.drainAndCheck();

            assertEquals(posted, replay.verifier().verified(), capture);
        }
    }

    @Test
    void largestRingIsReplayed() throws Exception {
        CqeStream stream = stream("recv-multishot-peer-close.ftrace.txt");

        assertEquals("00000000d3a55356", stream.ring());
        assertEquals(9, stream.size());
        assertEquals(1, stream.requests());
        assertEquals(9, stream.maxBatch());
    }

    @Test
    void droppedCqeFailsReplay() throws Exception {
        CqeStream stream = stream("poll-multishot-128-eventfd.ftrace.txt.gz");
        CqPoster broken = new BrokenPosters.DropsMultishot(Strategies.load().create("per-cqe-lock", 4096, true, Map.of()), 777);
        TraceReplay replay = replay(broken, stream);

        OrderingViolation violation = assertThrows(OrderingViolation.class, () -> {
            for (int i = 0; i < 100; i++) {
                replay.batch(1024);
            }
        });

        assertTrue(violation.getMessage().contains("never reaped"), violation.getMessage());
    }

    @Test
    void terminalBypassFailsReplay() throws Exception {
        CqeStream stream = stream("recv-multishot-peer-close.ftrace.txt");
        CqPoster broken = new BrokenPosters.TerminalBypassesArray(Strategies.load().create("jctools-mpsc", 64, true, Map.of()));
        TraceReplay replay = replay(broken, stream);

        OrderingViolation violation = assertThrows(OrderingViolation.class, () -> replay.batch(1024));

        assertTrue(violation.getMessage().contains("terminating CQE overtook"), violation.getMessage());
    }

    @Test
    void tooSmallRingIsReportedNotHidden() throws Exception {
        CqeStream stream = stream("poll-multishot-128-eventfd.ftrace.txt.gz");
        TraceReplay replay = replay(Strategies.load().create("per-cqe-lock", 64, true, Map.of()), stream);

        IllegalStateException error = assertThrows(IllegalStateException.class, () -> replay.batch(1024));

        assertTrue(error.getMessage().contains("raise -p entries to at least 128"), error.getMessage());
    }

    @Test
    void specPinsCaptureToItsSha256() {
        TraceReplaySpec spec = new TraceReplaySpec();

        List<String> bundled = spec.resolveParam("trace", List.of(TraceSource.DEFAULT));

        assertEquals(1, bundled.size());
        assertTrue(bundled.get(0).matches("bundled:poll-multishot-128-eventfd\\.ftrace\\.txt\\.gz#sha256=[0-9a-f]{64}"),
            bundled.get(0));
        assertEquals(List.of("7"), spec.resolveParam("entries", List.of("7")), "other parameters pass through");
    }

    @Test
    void specRejectsRingSmallerThanLargestBatch() {
        TraceReplaySpec spec = new TraceReplaySpec();
        List<String> trace = spec.resolveParam("trace", List.of(TraceSource.DEFAULT));

        UsageException error = assertThrows(UsageException.class,
            () -> spec.checkParams(Map.of("trace", trace, "entries", List.of("4096", "64"))));

        assertTrue(error.getMessage().contains("invalid entries=64 for trace-replay of bundled:poll-multishot-128"),
            error.getMessage());
        assertTrue(error.getMessage().contains("needs at least 128 entries"), error.getMessage());
        spec.checkParams(Map.of("trace", trace, "entries", List.of("128")));
    }

    @Test
    void specPinsAbsolutePath() {
        String relative = TRACES.resolve("recv-multishot-enobufs.ftrace.txt").toString();

        String pinned = new TraceReplaySpec().resolveParam("trace", List.of(relative)).get(0);

        assertTrue(pinned.startsWith(TRACES.resolve("recv-multishot-enobufs.ftrace.txt").toAbsolutePath().normalize()
            + "#sha256="), pinned);
    }

    @Test
    void specRejectsUnreadableCapture() {
        UsageException error = assertThrows(UsageException.class,
            () -> new TraceReplaySpec().resolveParam("trace", List.of("/no/such/capture.txt")));

        assertTrue(error.getMessage().startsWith("cannot read capture -p trace=/no/such/capture.txt: no such file"),
            error.getMessage());
    }

    @Test
    void changedCaptureFailsPinnedHash() throws Exception {
        String pinned = TRACES.resolve("recv-multishot-enobufs.ftrace.txt") + "#sha256=" + "0".repeat(64);

        Exception error = assertThrows(Exception.class, () -> TraceSource.read(pinned).stream());

        assertTrue(error.getMessage().contains("the capture changed since"), error.getMessage());
    }
}
