package io.cqbench.workloads;

import io.cqbench.harness.Cli;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Invalid workload parameters given to {@code cqbench run}, with the real workloads on the class path:
 * each must exit with status 2 and a message naming the value and the valid range, before any benchmark
 * starts and before any file is written. The harness's own tests cover the other inputs.
 */
class RunValidationTest {
    @TempDir
    Path dir;

    static Stream<Arguments> invalidInputs() {
        return Stream.of(
            Arguments.of("unknown workload", "unknown workload multishot-pol; valid workloads: multishot-poll,"
                + " multishot-recv, trace-replay, round-trip, cost-breakdown, iowq-mixed", List.of("--workloads", "multishot-pol")),
            Arguments.of("workload named twice", "--workloads names multishot-poll twice; name each once",
                List.of("--workloads", "multishot-poll,multishot-poll")),
            Arguments.of("requests", "workload multishot-poll: invalid requests=0: expected an integer from 1 to 65536",
                List.of("--workloads", "multishot-poll", "--", "-p", "requests=0")),
            Arguments.of("entries", "workload multishot-poll: invalid entries=100: expected a power of two from 2 to 16777216",
                List.of("--workloads", "multishot-poll", "--", "-p", "entries=100")),
            Arguments.of("eventfd", "workload multishot-poll: invalid eventfd=maybe: expected one of true, false",
                List.of("--workloads", "multishot-poll", "--", "-p", "eventfd=maybe")),
            Arguments.of("cancelEvery", "workload multishot-poll: invalid cancelEvery=-1: expected an integer from 0 to 2147483647",
                List.of("--workloads", "multishot-poll", "--", "-p", "cancelEvery=-1")),
            Arguments.of("workPerCqe", "workload multishot-poll: invalid workPerCqe=1000001: expected an integer from 0 to 1000000",
                List.of("--workloads", "multishot-poll", "--", "-p", "workPerCqe=1000001")),
            Arguments.of("connections", "workload multishot-recv: invalid connections=65537: expected an integer from 1 to 65536",
                List.of("--workloads", "multishot-recv", "--", "-p", "connections=65537")),
            Arguments.of("burst", "workload multishot-recv: invalid burst=0: expected an integer from 1 to 1024",
                List.of("--workloads", "multishot-recv", "--", "-p", "burst=0")),
            Arguments.of("buffers", "workload multishot-recv: invalid buffers=3: expected a power of two from 1 to 65536",
                List.of("--workloads", "multishot-recv", "--", "-p", "buffers=3")),
            Arguments.of("closeEvery", "workload multishot-recv: invalid closeEvery=often: not an integer; expected an integer"
                + " from 0 to 2147483647", List.of("--workloads", "multishot-recv", "--", "-p", "closeEvery=often")),
            Arguments.of("round-trip batch", "workload round-trip: invalid batch=0: expected an integer from 1 to 4096",
                List.of("--workloads", "round-trip", "--", "-p", "batch=0")),
            Arguments.of("round-trip entries", "workload round-trip: invalid entries=1000: expected a power of two from 2"
                + " to 16777216", List.of("--workloads", "round-trip", "--", "-p", "entries=1000")),
            Arguments.of("cost-breakdown step", "workload cost-breakdown: invalid step=fence: expected one of write, tail,"
                + " lock, waiter, eventfd", List.of("--workloads", "cost-breakdown", "--", "-p", "step=fence")),
            Arguments.of("cost-breakdown batch", "workload cost-breakdown: invalid batch=3: expected a power of two from 1"
                + " to 1024", List.of("--workloads", "cost-breakdown", "--", "-p", "batch=3")),
            Arguments.of("empty trace", "-p trace= is empty; give a capture file or bundled:",
                List.of("--workloads", "trace-replay", "--", "-p", "trace=")),
            Arguments.of("entries below a strategy's minimum", "invalid entries=4 for strategy agrona-mpsc: it needs at least"
                + " 8 entries; leave it out with --strategies or raise entries",
                List.of("--workloads", "multishot-poll", "--", "-p", "entries=4")),
            Arguments.of("parameter of no selected workload", "unknown parameter connections for the selected workloads",
                List.of("--workloads", "multishot-poll", "--", "-p", "connections=16")),
            Arguments.of("value listed twice", "-p requests=1,1 lists 1 twice",
                List.of("--workloads", "multishot-poll", "--", "-p", "requests=1,1")),
            Arguments.of("thread groups for a one-thread workload", "-tg 1,2 is not supported by workload multishot-poll,"
                + " which runs on one thread", List.of("--workloads", "multishot-poll,iowq-mixed", "--", "-tg", "1,2")),
            Arguments.of("thread groups of the wrong size", "invalid -tg 1,1,1: workload iowq-mixed has 2 roles, consume,"
                + " produce", List.of("--workloads", "iowq-mixed", "--", "-tg", "1,1,1")),
            Arguments.of("two consumers", "invalid -tg 2,1: workload iowq-mixed reaps on exactly one consume thread",
                List.of("--workloads", "iowq-mixed", "--", "-tg", "2,1")),
            Arguments.of("wait", "workload iowq-mixed: invalid wait=sleep: expected one of backoff, spin, yield, park",
                List.of("--workloads", "iowq-mixed", "--", "-p", "wait=sleep")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidInputs")
    void rejectedBeforeRunning(String name, String expected, List<String> runArgs) throws IOException {
        List<String> args = new ArrayList<>(List.of("run", "--profile", "smoke", "--out", dir.resolve("run.json").toString()));
        args.addAll(runArgs);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = Cli.run(args.toArray(new String[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

        String stderr = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, status, stderr);
        assertTrue(stderr.contains(expected), "stderr was: " + stderr);
        assertEquals("", out.toString(StandardCharsets.UTF_8), "no benchmark starts before validation passes");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.collect(Collectors.toList()), "nothing is written before validation passes");
        }
    }
}
