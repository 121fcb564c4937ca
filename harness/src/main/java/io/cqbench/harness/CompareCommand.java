package io.cqbench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.math3.stat.inference.TTest;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code cqbench compare BASE.json NEW.json [--fail-on-regression PERCENT]}: pairs the benchmarks of two
 * JMH result files by name and parameters and reports, for each, both scores, their ratio and whether
 * the difference is significant.
 *
 * <p>Significance is Welch's t-test at the 0.1% level on all measurement iterations of both sides,
 * the same samples and confidence level as JMH's own error. NOTE: iterations of one fork are treated as
 * independent, but scores often differ more between forks (JIT decisions) than within one, so two runs
 * of the same code can differ "significantly"; run more forks, and set {@code --fail-on-regression}
 * above the fork-to-fork spread.
 */
final class CompareCommand {
    static final double ALPHA = 0.001;

    private CompareCommand() {
    }

    /** One benchmark of one file: its scores, unit and mode. */
    static final class Entry {
        final String key;
        final String mode;
        final String unit;
        final double score;
        final double error;
        final List<double[]> forks = new ArrayList<>();

        Entry(String key, String mode, String unit, double score, double error) {
            this.key = key;
            this.mode = mode;
            this.unit = unit;
            this.score = score;
            this.error = error;
        }

        /** Higher is better for throughput; for times (average, sample, single shot) lower is better. */
        boolean higherIsBetter() {
            return mode.equals("thrpt");
        }

        /** Returns every measurement iteration's score, over all forks. */
        double[] samples() {
            List<Double> values = new ArrayList<>();
            for (double[] fork : forks) {
                for (double value : fork) {
                    values.add(value);
                }
            }
            return values.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> files = new ArrayList<>();
        Double threshold = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--fail-on-regression")) {
                if (i + 1 >= args.length) {
                    throw new UsageException("--fail-on-regression needs a value: a percentage such as 5");
                }
                threshold = parsePercent(args[++i]);
            } else if (args[i].startsWith("--")) {
                throw new UsageException("unknown compare option " + args[i] + "; valid option: --fail-on-regression PERCENT");
            } else {
                files.add(args[i]);
            }
        }
        if (files.size() != 2) {
            throw new UsageException("compare needs two JMH JSON files, BASE and NEW, got " + files.size());
        }
        JsonNode base = read(Path.of(files.get(0)));
        JsonNode current = read(Path.of(files.get(1)));

        for (String warning : environmentWarnings(base, current, Path.of(files.get(0)), Path.of(files.get(1)))) {
            out.println("WARNING: " + warning);
        }
        Map<String, Entry> baseEntries = entries(base);
        Map<String, Entry> newEntries = entries(current);
        int regressions = report(baseEntries, newEntries, threshold, out);
        if (threshold != null && regressions > 0) {
            err.printf("cqbench: %d significant regression(s) larger than %.1f%%%n", regressions, threshold);
            return 1;
        }
        return 0;
    }

    private static double parsePercent(String value) {
        try {
            double percent = Double.parseDouble(value);
            if (percent >= 0 && percent < 100) {
                return percent;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("invalid --fail-on-regression " + value + ": expected a percentage from 0 to 100, such as 5");
    }

    static JsonNode read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("cannot read " + file + ": no such file");
        }
        try {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            if (root == null || !root.isArray()) {
                throw new UsageException(file + " is not a JMH JSON result file: expected an array of benchmark results");
            }
            return root;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr();
            throw new UsageException(file + " is not a JMH JSON result file: invalid JSON" + where);
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Returns the file's benchmarks keyed by name and sorted parameters. */
    static Map<String, Entry> entries(JsonNode results) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (JsonNode result : results) {
            StringBuilder key = new StringBuilder(result.path("benchmark").asText());
            Map<String, String> params = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = result.path("params").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                params.put(field.getKey(), field.getValue().asText());
            }
            params.forEach((name, value) -> key.append(' ').append(name).append('=').append(value));
            // A @Group workload's score is its consumer's cqesReaped, as in the summary.
            JsonNode secondary = result.path("secondaryMetrics");
            JsonNode primary = secondary.has(Summary.REAPED) ? secondary.path(Summary.REAPED) : result.path("primaryMetric");
            Entry entry = new Entry(key.toString(), result.path("mode").asText(), primary.path("scoreUnit").asText(),
                primary.path("score").asDouble(), primary.path("scoreError").asDouble(Double.NaN));
            for (JsonNode fork : primary.path("rawData")) {
                double[] iterations = new double[fork.size()];
                for (int i = 0; i < iterations.length; i++) {
                    iterations[i] = fork.get(i).asDouble();
                }
                entry.forks.add(iterations);
            }
            entries.put(entry.key, entry);
        }
        return entries;
    }

    /** Prints the comparison and returns how many significant regressions exceed {@code threshold}. */
    static int report(Map<String, Entry> base, Map<String, Entry> current, Double threshold, PrintStream out) {
        int regressions = 0;
        out.printf("%-9s %-9s %-9s %-9s %8s  %-24s %s%n", "base", "+-", "new", "+-", "new/base", "verdict", "benchmark");
        for (Entry before : base.values()) {
            Entry after = current.get(before.key);
            if (after == null) {
                continue;
            }
            double[] a = before.samples();
            double[] b = after.samples();
            double ratio = after.score / before.score;
            boolean significant = a.length >= 2 && b.length >= 2 && new TTest().tTest(a, b, ALPHA);
            boolean worse = before.higherIsBetter() ? ratio < 1 : ratio > 1;
            double changePercent = Math.abs(ratio - 1) * 100;
            String verdict;
            if (!significant) {
                verdict = "no significant change";
            } else if (worse) {
                verdict = String.format("REGRESSION %.1f%%", changePercent);
                if (threshold != null && changePercent > threshold) {
                    regressions++;
                }
            } else {
                verdict = String.format("improvement %.1f%%", changePercent);
            }
            if (a.length < 3 || b.length < 3) {
                verdict += " (too few iterations)";
            }
            out.printf("%-9s %-9s %-9s %-9s %8.3f  %-24s %s%n", score(before), error(before), score(after), error(after),
                ratio, verdict, before.key);
        }
        for (Entry before : base.values()) {
            if (!current.containsKey(before.key)) {
                out.println("only in BASE: " + before.key);
            }
        }
        for (Entry after : current.values()) {
            if (!base.containsKey(after.key)) {
                out.println("only in NEW:  " + after.key);
            }
        }
        boolean throughput = false;
        boolean time = false;
        for (Entry entry : base.values()) {
            throughput |= entry.higherIsBetter();
            time |= !entry.higherIsBetter();
        }
        String better = throughput && time ? "higher is better for throughput, lower for time modes"
            : time ? "lower is better" : "higher is better";
        out.printf("Verdicts: Welch's t-test at the %.1f%% level on all measurement iterations; %s;"
            + " +- is JMH's 99.9%% confidence half-width, n/a with fewer than 3 iterations; with fewer than 3"
            + " iterations on a side (as in the smoke profile) no verdict is significant.%n", ALPHA * 100, better);
        return regressions;
    }

    private static String score(Entry entry) {
        return entry.score >= 1e6 ? String.format("%.2fM", entry.score / 1e6) : String.format("%.2f", entry.score);
    }

    /** JMH gives no error with fewer than 3 measurement iterations. */
    private static String error(Entry entry) {
        if (Double.isNaN(entry.error)) {
            return "n/a";
        }
        return entry.score >= 1e6 ? String.format("%.2fM", entry.error / 1e6) : String.format("%.2f", entry.error);
    }

    /** Returns warnings when the two files come from different JDKs or machines. */
    static List<String> environmentWarnings(JsonNode base, JsonNode current, Path baseFile, Path newFile) {
        List<String> warnings = new ArrayList<>();
        if (base.size() > 0 && current.size() > 0) {
            for (String field : List.of("jdkVersion", "vmName", "vmVersion")) {
                String a = base.get(0).path(field).asText();
                String b = current.get(0).path(field).asText();
                if (!a.equals(b)) {
                    warnings.add("different JVMs: " + field + " is " + a + " in BASE and " + b + " in NEW");
                }
            }
        }
        JsonNode baseHost = metadataHost(baseFile);
        JsonNode newHost = metadataHost(newFile);
        if (baseHost != null && newHost != null) {
            for (String field : List.of("hostname", "cpuModel", "cores", "memoryBytes", "kernel")) {
                String a = baseHost.path(field).asText();
                String b = newHost.path(field).asText();
                if (!a.equals(b)) {
                    warnings.add("different machines: " + field + " is " + a + " in BASE and " + b + " in NEW");
                }
            }
        } else {
            warnings.add("no .meta.json beside " + (baseHost == null ? baseFile : newFile)
                + ": cannot tell whether both runs used the same machine");
        }
        return warnings;
    }

    private static JsonNode metadataHost(Path json) {
        if (!json.getFileName().toString().endsWith(".json")) {
            return null;
        }
        Path metadata = ResultFiles.sibling(json, ".meta.json");
        if (!Files.isRegularFile(metadata)) {
            return null;
        }
        try {
            return new ObjectMapper().readTree(metadata.toFile()).path("host");
        } catch (IOException e) {
            return null;
        }
    }
}
