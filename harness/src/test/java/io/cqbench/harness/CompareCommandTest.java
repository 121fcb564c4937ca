package io.cqbench.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cqbench compare} on JMH JSON files written here in JMH's layout. */
class CompareCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private String out;
    private String err;

    private int compare(String... args) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        String[] all = new String[args.length + 1];
        all[0] = "compare";
        System.arraycopy(args, 0, all, 1, args.length);
        int status = Cli.run(all, new PrintStream(stdout, true, StandardCharsets.UTF_8),
            new PrintStream(stderr, true, StandardCharsets.UTF_8));
        out = stdout.toString(StandardCharsets.UTF_8);
        err = stderr.toString(StandardCharsets.UTF_8);
        return status;
    }

    /** Adds one benchmark whose forks score around {@code mean}, spread by {@code spread} between forks. */
    private static void add(ArrayNode results, String strategy, double mean, double spread, String jdk) {
        ObjectNode result = results.addObject();
        result.put("jdkVersion", jdk);
        result.put("vmName", "OpenJDK 64-Bit Server VM");
        result.put("vmVersion", jdk);
        result.put("benchmark", "io.cqbench.workloads.MultishotPollBenchmark.multishotPoll");
        result.put("mode", "thrpt");
        result.putObject("params").put("strategy", strategy).put("requests", "128");
        ObjectNode primary = result.putObject("primaryMetric");
        primary.put("score", mean);
        primary.put("scoreError", spread);
        primary.put("scoreUnit", "ops/s");
        ArrayNode raw = primary.putArray("rawData");
        double[] offsets = {-1, 0.5, 0.5};
        for (double offset : offsets) {
            ArrayNode fork = raw.addArray();
            for (int i = 0; i < 4; i++) {
                fork.add(mean + offset * spread + (i - 1.5) * spread / 10);
            }
        }
    }

    private Path write(String name, ArrayNode results) throws IOException {
        Path file = dir.resolve(name);
        JSON.writeValue(file.toFile(), results);
        return file;
    }

    @Test
    void sameRunsShowNoSignificantChange() throws IOException {
        ArrayNode a = JSON.createArrayNode();
        add(a, "per-cqe-lock", 60e6, 2e6, "17.0.15");
        ArrayNode b = JSON.createArrayNode();
        add(b, "per-cqe-lock", 61e6, 2e6, "17.0.15");

        int status = compare(write("a.json", a).toString(), write("b.json", b).toString(), "--fail-on-regression", "5");

        assertEquals(0, status, out + err);
        assertTrue(out.contains("no significant change"), out);
        assertTrue(out.contains("strategy=per-cqe-lock"), out);
    }

    @Test
    void slowerStrategyFailsOverThreshold() throws IOException {
        ArrayNode a = JSON.createArrayNode();
        add(a, "per-cqe-lock", 60e6, 1e6, "17.0.15");
        add(a, "deferred-array", 60e6, 1e6, "17.0.15");
        ArrayNode b = JSON.createArrayNode();
        add(b, "per-cqe-lock", 60e6, 1e6, "17.0.15");
        add(b, "deferred-array", 30e6, 1e6, "17.0.15");

        int status = compare(write("a.json", a).toString(), write("b.json", b).toString(), "--fail-on-regression", "10");

        assertEquals(1, status, out);
        assertTrue(out.contains("REGRESSION 50.0%"), out);
        assertTrue(err.contains("1 significant regression(s) larger than 10.0%"), err);
    }

    @Test
    void regressionUnderThresholdPasses() throws IOException {
        ArrayNode a = JSON.createArrayNode();
        add(a, "per-cqe-lock", 60e6, 0.1e6, "17.0.15");
        ArrayNode b = JSON.createArrayNode();
        add(b, "per-cqe-lock", 57e6, 0.1e6, "17.0.15");

        int status = compare(write("a.json", a).toString(), write("b.json", b).toString(), "--fail-on-regression", "10");

        assertEquals(0, status, out);
        assertTrue(out.contains("REGRESSION 5.0%"), out);
    }

    @Test
    void oneSidedBenchmarksAreListed() throws IOException {
        ArrayNode a = JSON.createArrayNode();
        add(a, "per-cqe-lock", 60e6, 1e6, "17.0.15");
        add(a, "disruptor", 40e6, 1e6, "17.0.15");
        ArrayNode b = JSON.createArrayNode();
        add(b, "per-cqe-lock", 60e6, 1e6, "17.0.15");
        add(b, "jctools-mpsc", 60e6, 1e6, "17.0.15");

        assertEquals(0, compare(write("a.json", a).toString(), write("b.json", b).toString()));

        assertTrue(out.contains("only in BASE: io.cqbench.workloads.MultishotPollBenchmark.multishotPoll requests=128 strategy=disruptor"), out);
        assertTrue(out.contains("only in NEW:  io.cqbench.workloads.MultishotPollBenchmark.multishotPoll requests=128 strategy=jctools-mpsc"), out);
    }

    @Test
    void differentJdksAreWarned() throws IOException {
        ArrayNode a = JSON.createArrayNode();
        add(a, "per-cqe-lock", 60e6, 1e6, "17.0.15");
        ArrayNode b = JSON.createArrayNode();
        add(b, "per-cqe-lock", 60e6, 1e6, "25.0.3");

        compare(write("a.json", a).toString(), write("b.json", b).toString());

        assertTrue(out.contains("WARNING: different JVMs: jdkVersion is 17.0.15 in BASE and 25.0.3 in NEW"), out);
    }

    @Test
    void differentMachinesAreWarned() throws IOException {
        ArrayNode a = JSON.createArrayNode();
        add(a, "per-cqe-lock", 60e6, 1e6, "17.0.15");
        Path base = write("a.json", a);
        Path current = write("b.json", a);
        JSON.writeValue(dir.resolve("a.meta.json").toFile(), JSON.createObjectNode().set("host",
            JSON.createObjectNode().put("cores", 2).put("cpuModel", "AMD EPYC")));
        JSON.writeValue(dir.resolve("b.meta.json").toFile(), JSON.createObjectNode().set("host",
            JSON.createObjectNode().put("cores", 64).put("cpuModel", "AMD EPYC")));

        compare(base.toString(), current.toString());

        assertTrue(out.contains("WARNING: different machines: cores is 2 in BASE and 64 in NEW"), out);
        assertFalse(out.contains("cpuModel is"), out);
    }

    @Test
    void invalidInputsAreUsageErrors() throws IOException {
        assertEquals(2, compare("only-one.json"));
        assertTrue(err.contains("compare needs two JMH JSON files"), err);

        Path notArray = dir.resolve("x.json");
        JSON.writeValue(notArray.toFile(), JSON.createObjectNode());
        assertEquals(2, compare(notArray.toString(), notArray.toString()));
        assertTrue(err.contains("is not a JMH JSON result file"), err);

        assertEquals(2, compare(notArray.toString(), notArray.toString(), "--fail-on-regression", "lots"));
        assertTrue(err.contains("invalid --fail-on-regression lots"), err);
    }
}
