package io.cqbench.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cqbench report}: the Markdown summary, and the HTML page loaded in headless Chromium, which
 * must render every chart with the expected number of bars. In CI ({@code CI=true}) Chromium must be
 * installed; elsewhere the browser test is skipped without it.
 */
class ReportCommandTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static void add(ArrayNode results, String benchmark, String strategy, String slots, double score,
                            String workloadParam, String value) {
        ObjectNode result = results.addObject();
        result.put("jdkVersion", "17.0.15");
        result.put("vmName", "OpenJDK 64-Bit Server VM");
        result.put("benchmark", benchmark);
        result.put("mode", "thrpt");
        ObjectNode params = result.putObject("params");
        params.put("strategy", strategy).put("slots", slots).put("lock", slots.equals("-") ? "-" : "spin")
            .put("options", "").put(workloadParam, value);
        ObjectNode primary = result.putObject("primaryMetric");
        primary.put("score", score);
        primary.put("scoreError", score / 20);
        primary.put("scoreUnit", "ops/s");
        primary.putArray("rawData").addArray().add(score).add(score);
        result.putObject("secondaryMetrics").putObject("cqesVerified").put("score", score * 4);
    }

    /** Writes a run with a poll group of 8 bars (deferred-array at 3 slot counts) and a recv group of 6 bars. */
    private Path fixture() throws IOException {
        ArrayNode results = JSON.createArrayNode();
        String poll = "io.cqbench.workloads.MultishotPollBenchmark.multishotPoll";
        String recv = "io.cqbench.workloads.MultishotRecvBenchmark.multishotRecv";
        String[] strategies = {"per-cqe-lock", "disruptor", "jctools-mpsc", "agrona-mpsc", "unsynchronized"};
        for (String strategy : strategies) {
            add(results, poll, strategy, strategy.equals("disruptor") ? "16" : "-", 50e6, "requests", "128");
        }
        for (String slots : List.of("1", "4", "16")) {
            add(results, poll, "deferred-array", slots, 20e6 * Integer.parseInt(slots) / 4 + 30e6, "requests", "128");
        }
        for (String strategy : strategies) {
            add(results, recv, strategy, "-", 40e6, "connections", "16");
        }
        add(results, recv, "deferred-array", "16", 45e6, "connections", "16");
        Path file = dir.resolve("run.json");
        JSON.writeValue(file.toFile(), results);
        return file;
    }

    /** Writes a run of deferred-array and per-cqe-lock at three commit costs, ratios 1.10x, 1.60x and 3.00x. */
    private Path costFixture() throws IOException {
        ArrayNode results = JSON.createArrayNode();
        String poll = "io.cqbench.workloads.MultishotPollBenchmark.multishotPoll";
        double[][] scores = {{0, 55e6, 50e6}, {100, 48e6, 30e6}, {400, 36e6, 12e6}};
        for (double[] point : scores) {
            String cost = String.valueOf((long) point[0]);
            add(results, poll, "deferred-array", "16", point[1], "commitCost", cost);
            add(results, poll, "per-cqe-lock", "-", point[2], "commitCost", cost);
        }
        Path file = dir.resolve("cost.json");
        JSON.writeValue(file.toFile(), results);
        return file;
    }

    private static int report(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "report";
        System.arraycopy(args, 0, all, 1, args.length);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        return Cli.run(all, new PrintStream(sink, true, StandardCharsets.UTF_8), new PrintStream(sink, true, StandardCharsets.UTF_8));
    }

    @Test
    void markdownHasRatiosPerGroup() throws IOException {
        Path run = fixture();

        assertEquals(0, report(run.toString()));

        String markdown = Files.readString(dir.resolve("run.report.md"));
        assertTrue(markdown.contains("`requests=128`"), markdown);
        assertTrue(markdown.contains("| deferred-array | lock=spin slots=16 | 110.00 ± 5.50 | 2.20x | 2.20x | 440,000,000 |"), markdown);
        assertTrue(markdown.contains("| per-cqe-lock | lock=spin | 50.00 ± 2.50 | 1.00x | 1.00x | 200,000,000 |")
            || markdown.contains("| per-cqe-lock | - | 50.00 ± 2.50 | 1.00x | 1.00x | 200,000,000 |"), markdown);
        assertTrue(markdown.contains("no run.meta.json beside the results"), markdown);
    }

    @Test
    void markdownHasCommitCostCurve() throws IOException {
        Path run = costFixture();

        assertEquals(0, report(run.toString()));

        String markdown = Files.readString(dir.resolve("cost.report.md"));
        assertTrue(markdown.contains("## deferred-array / per-cqe-lock by commit cost: multishotPoll"), markdown);
        assertTrue(markdown.contains("| 0 | 55.00 | 50.00 | 1.10x |"), markdown);
        assertTrue(markdown.contains("| 100 | 48.00 | 30.00 | 1.60x |"), markdown);
        assertTrue(markdown.contains("| 400 | 36.00 | 12.00 | 3.00x |"), markdown);
    }

    @Test
    void markdownHasCrossThreadColumns() throws IOException {
        ArrayNode results = JSON.createArrayNode();
        add(results, "io.cqbench.workloads.IowqMixedBenchmark.iowqMixed", "per-cqe-lock", "-", 7e6, "wait", "park");
        ObjectNode secondary = (ObjectNode) results.get(0).path("secondaryMetrics");
        secondary.putObject("wakeUps").put("score", 7e6);
        secondary.putObject("eventfdSignals").put("score", 28e6);
        secondary.putObject(LatencyProfiler.P50).put("score", 2.2);
        secondary.putObject(LatencyProfiler.P99).put("score", 32.2);
        secondary.putObject(LatencyProfiler.P999).put("score", 276.4);
        secondary.putObject(LatencyProfiler.MAX).put("score", 5074.9);
        Path run = dir.resolve("iowq.json");
        JSON.writeValue(run.toFile(), results);

        assertEquals(0, report(run.toString()));

        String markdown = Files.readString(dir.resolve("iowq.report.md"));
        assertTrue(markdown.contains("| wake/CQE | efd/CQE | p50 us | p99 us | p99.9 us | max us |"), markdown);
        assertTrue(markdown.contains("| 0.250 | 1.000 | 2.2 | 32.2 | 276.4 | 5074.9 |"), markdown);
    }

    @Test
    void noCommitCostCurveWithoutVariedCost() throws IOException {
        Path run = fixture();

        assertEquals(0, report(run.toString()));

        assertFalse(Files.readString(dir.resolve("run.report.md")).contains("by commit cost"));
    }

    @Test
    void existingReportIsNotOverwritten() throws IOException {
        Path run = fixture();
        Files.writeString(dir.resolve("run.report.html"), "earlier");

        assertEquals(2, report(run.toString()));
        assertEquals("earlier", Files.readString(dir.resolve("run.report.html")));
    }

    @Test
    void htmlNeedsNoNetwork() throws IOException {
        Path run = fixture();

        assertEquals(0, report(run.toString()));

        String html = Files.readString(dir.resolve("run.report.html"));
        assertFalse(html.contains("http://") || html.contains("https://cdn") || html.contains("src=\"http"),
            "the page loads nothing from the network");
        assertTrue(html.contains("Chart.js v4.5.1"), "Chart.js is inlined");
    }

    @Test
    void chromiumRendersEveryChart() throws Exception {
        boolean inCi = "true".equals(System.getenv("CI"));
        if (!Files.isExecutable(CHROMIUM)) {
            assertFalse(inCi, "CI must install Chromium (Debian package chromium) for the report's browser test");
            Assumptions.abort("no " + CHROMIUM + "; the browser test runs where Chromium is installed");
        }
        Path run = fixture();
        assertEquals(0, report(run.toString()));
        Path page = dir.resolve("run.report.html");

        String dom = chromium("--dump-dom", page.toUri().toString());
        Path screenshot = Path.of("target", "report-screenshot.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        chromium("--screenshot=" + screenshot, "--window-size=1100,2400", page.toUri().toString());

        assertEquals("8", attribute(dom, "chart-0", "data-bars"), "poll chart: 5 strategies and 3 slot counts");
        assertEquals("6", attribute(dom, "chart-1", "data-bars"), "recv chart: 6 strategies");
        assertEquals("3", attribute(dom, "slots-0", "data-points"), "slot-count curve of the poll group");
        assertTrue(dom.contains("data-charts-rendered=\"3\""), "all three charts rendered");
        assertTrue(Files.size(screenshot) > 10_000, "screenshot written to " + screenshot);

        assertEquals(0, report(costFixture().toString()));
        String costDom = chromium("--dump-dom", dir.resolve("cost.report.html").toUri().toString());
        assertEquals("3", attribute(costDom, "cost-0", "data-points"), "commit-cost curve with 3 costs");
        assertTrue(costDom.contains("data-charts-rendered=\"4\""), "3 bar charts (one per cost) and the curve rendered");
    }

    private static String attribute(String dom, String id, String name) {
        Matcher element = Pattern.compile("<[^>]*id=\"" + id + "\"[^>]*>").matcher(dom);
        assertTrue(element.find(), "no element " + id + " in the rendered page");
        Matcher value = Pattern.compile(name + "=\"([^\"]*)\"").matcher(element.group());
        assertTrue(value.find(), id + " has no " + name + ": " + element.group());
        return value.group(1);
    }

    private String chromium(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--user-data-dir=" + Files.createTempDirectory(dir, "chromium-"),
            "--virtual-time-budget=5000"));
        command.addAll(List.of(args));
        Path output = Files.createTempFile(dir, "chromium-", ".out");
        Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("chromium timed out: " + command);
        }
        assertEquals(0, process.exitValue(), "chromium failed: " + command);
        return Files.readString(output);
    }
}
