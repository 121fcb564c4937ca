package io.cqbench.harness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code cqbench report FILE.json...}: writes a self-contained HTML page (Chart.js inlined, so it needs
 * no network) and a Markdown summary of one or more runs: a chart per workload and parameter group of
 * CQE/s per strategy with error bars, ratios, the deferred array's slot-count curve where the run
 * varied it, its ratio to per-cqe-lock against commitCost where the run varied that, verified CQE
 * counts, and the environment from the run's metadata.
 */
final class ReportCommand {
    static final String CHART_JS = "/META-INF/resources/webjars/chart.js/4.5.1/dist/chart.umd.min.js";

    private ReportCommand() {
    }

    /** The page's data, serialized with Jackson into the HTML. */
    static final class Model {
        public List<EnvironmentLine> environment = new ArrayList<>();
        public List<Group> groups = new ArrayList<>();
        public List<CostCurve> costCurves = new ArrayList<>();
    }

    /**
     * The {@code deferred-array} / {@code per-cqe-lock} ratio against {@code commitCost}, for one workload
     * and its other parameters, when a run varied {@code commitCost}.
     */
    static final class CostCurve {
        public String source;
        public String workload;
        /** The workload parameters other than {@code commitCost}. */
        public String params;
        public List<CostPoint> points = new ArrayList<>();
    }

    /** One point of a commit-cost curve: both scores in M CQE/s and their ratio. */
    static final class CostPoint {
        public long commitCost;
        public Double deferred;
        public Double perCqe;
        public Double ratio;
    }

    /** One line of the environment table. */
    static final class EnvironmentLine {
        public String name;
        public String value;

        EnvironmentLine(String name, String value) {
            this.name = name;
            this.value = value;
        }
    }

    /** One workload with one set of workload parameters: one chart. */
    static final class Group {
        /** The result file, when the report covers several. */
        public String source;
        /**
         * {@code throughput} (scores in M CQE/s), {@code sample} (JMH sample time, scores and percentiles in
         * ns) or {@code breakdown} (a workload without a strategy: ns per operation by step).
         */
        public String kind;
        public String workload;
        public String params;
        public List<Bar> bars = new ArrayList<>();
        /** The deferred array's score by slot count, when the group has more than one slot count. */
        public List<Point> slots = new ArrayList<>();
    }

    /** One strategy's score; {@code null} where a value is not available. */
    static final class Bar {
        public String strategy;
        public String settings;
        public Double score;
        public Double error;
        public Double vsBaseline;
        public Double vsCeiling;
        public Double verified;
        /** Sample-time percentiles in ns; {@code null} for other kinds. */
        public Double p50;
        public Double p99;
        public Double p999;
        public Double max;
        /** For a breakdown: ns more than the step before; {@code null} for the first step and other kinds. */
        public Double increment;
        /** For a cross-thread workload: wake-ups and eventfd signals per CQE; {@code null} elsewhere. */
        public Double wakeUpsPerCqe;
        public Double signalsPerCqe;
        /** For a cross-thread workload: post-to-reap latency p50, p99, p99.9 and max in us; {@code null} elsewhere. */
        public List<Double> latencyMicros;
    }

    /** One point of the slot-count curve. */
    static final class Point {
        public int slots;
        public Double score;
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<Path> inputs = new ArrayList<>();
        Path prefix = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out")) {
                if (i + 1 >= args.length) {
                    throw new UsageException("--out needs a value: a path prefix; .html and .md are appended");
                }
                prefix = Path.of(args[++i]);
            } else if (args[i].startsWith("--")) {
                throw new UsageException("unknown report option " + args[i] + "; valid option: --out PREFIX");
            } else {
                inputs.add(Path.of(args[i]));
            }
        }
        if (inputs.isEmpty()) {
            throw new UsageException("report needs at least one JMH JSON file written by ./cqbench run");
        }
        if (prefix == null) {
            String name = inputs.get(0).getFileName().toString();
            prefix = inputs.get(0).resolveSibling((name.endsWith(".json") ? name.substring(0, name.length() - 5) : name) + ".report");
        }
        Path html = Path.of(prefix + ".html");
        Path markdown = Path.of(prefix + ".md");
        for (Path target : List.of(html, markdown)) {
            if (Files.exists(target)) {
                throw new UsageException("file " + target + " exists; cqbench never overwrites reports: choose another --out");
            }
            if (target.toAbsolutePath().getParent() == null || !Files.isDirectory(target.toAbsolutePath().getParent())) {
                throw new UsageException("cannot write " + target + ": its directory does not exist");
            }
        }

        Workloads workloads = Workloads.load();
        Model model = new Model();
        for (Path input : inputs) {
            JsonNode results = CompareCommand.read(input);
            addEnvironment(model, input, results, inputs.size() > 1);
            Summary summary = Summary.ofJson(results, workloads);
            String source = inputs.size() > 1 ? input.getFileName().toString() : null;
            addGroups(model, summary, source);
            addCostCurves(model, summary, source);
        }
        ResultFiles.writeAtomically(html, stream -> stream.print(html(model)));
        ResultFiles.writeAtomically(markdown, stream -> stream.print(markdown(model)));
        out.println("cqbench: report written to " + html + " and " + markdown);
        return 0;
    }

    private static void addGroups(Model model, Summary summary, String source) {
        for (Map.Entry<String, List<Summary.Row>> entry : summary.groups().entrySet()) {
            Group group = new Group();
            group.source = source;
            group.workload = entry.getValue().get(0).workload;
            group.params = entry.getValue().get(0).workloadParams;
            Summary.Row first = entry.getValue().get(0);
            group.kind = !first.hasStrategy ? "breakdown" : first.mode.equals(Summary.SAMPLE_TIME) ? "sample" : "throughput";
            // Throughput scores are shown in millions; time scores are already in nanoseconds.
            double scale = group.kind.equals("throughput") ? 1e6 : 1;
            for (Summary.Row row : entry.getValue()) {
                Bar bar = new Bar();
                bar.strategy = row.strategy;
                bar.settings = row.settings;
                bar.score = finite(row.score / scale);
                bar.error = finite(row.error / scale);
                bar.p50 = finite(row.p50);
                bar.p99 = finite(row.p99);
                bar.p999 = finite(row.p999);
                bar.max = finite(row.max);
                bar.increment = row.hasStrategy ? null : finite(Summary.increment(entry.getValue(), row));
                bar.vsBaseline = finite(summary.ratio(row, Summary.BASELINE));
                bar.vsCeiling = finite(summary.ratio(row, Summary.CEILING));
                bar.verified = finite(row.verified);
                if (row.hasCrossThreadMetrics()) {
                    bar.wakeUpsPerCqe = finite(row.wakeUpsPerCqe);
                    bar.signalsPerCqe = finite(row.signalsPerCqe);
                    bar.latencyMicros = new ArrayList<>();
                    for (double value : row.latency) {
                        bar.latencyMicros.add(finite(value));
                    }
                }
                group.bars.add(bar);
                Integer slots = deferredArraySlots(row);
                if (slots != null) {
                    Point point = new Point();
                    point.slots = slots;
                    point.score = bar.score;
                    group.slots.add(point);
                }
            }
            group.slots.sort((a, b) -> Integer.compare(a.slots, b.slots));
            if (group.slots.size() < 2) {
                group.slots.clear();
            }
            model.groups.add(group);
        }
    }

    /**
     * Adds a curve per workload and parameter set, {@code commitCost} aside, with at least two commit costs
     * at which both {@code deferred-array} (at its default 16 slots when several ran) and
     * {@code per-cqe-lock} have a score.
     */
    private static void addCostCurves(Model model, Summary summary, String source) {
        Map<String, CostCurve> curves = new LinkedHashMap<>();
        Map<String, Map<Long, CostPoint>> points = new LinkedHashMap<>();
        for (Summary.Row row : summary.rows()) {
            Long cost = null;
            StringBuilder rest = new StringBuilder();
            for (String part : row.workloadParams.split(" ")) {
                if (part.startsWith("commitCost=")) {
                    cost = Long.valueOf(part.substring("commitCost=".length()));
                } else if (!part.isEmpty()) {
                    rest.append(rest.length() == 0 ? "" : " ").append(part);
                }
            }
            if (!row.hasStrategy || row.lowerIsBetter()) {
                continue;                               // the curve compares throughputs
            }
            boolean deferred = row.strategy.equals("deferred-array")
                && (deferredArraySlots(row) == null || deferredArraySlots(row) == 16);
            if (cost == null || !(deferred || row.strategy.equals(Summary.BASELINE))) {
                continue;
            }
            String key = row.workload + " " + rest;
            CostCurve curve = curves.computeIfAbsent(key, k -> new CostCurve());
            curve.source = source;
            curve.workload = row.workload;
            curve.params = rest.toString();
            CostPoint point = points.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(cost, c -> new CostPoint());
            point.commitCost = cost;
            if (deferred) {
                point.deferred = finite(row.score / 1e6);
            } else {
                point.perCqe = finite(row.score / 1e6);
            }
        }
        for (Map.Entry<String, CostCurve> entry : curves.entrySet()) {
            CostCurve curve = entry.getValue();
            for (CostPoint point : points.get(entry.getKey()).values()) {
                if (point.deferred != null && point.perCqe != null && point.perCqe > 0) {
                    point.ratio = point.deferred / point.perCqe;
                    curve.points.add(point);
                }
            }
            if (curve.points.size() >= 2) {
                model.costCurves.add(curve);
            }
        }
    }

    private static Integer deferredArraySlots(Summary.Row row) {
        if (!row.strategy.equals("deferred-array")) {
            return null;
        }
        for (String part : row.settings.split(" ")) {
            if (part.startsWith("slots=")) {
                return Integer.valueOf(part.substring("slots=".length()));
            }
        }
        return null;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static void addEnvironment(Model model, Path input, JsonNode results, boolean several) {
        String source = several ? input.getFileName() + ": " : "";
        Path metaFile = ResultFiles.sibling(input, ".meta.json");
        if (input.getFileName().toString().endsWith(".json") && Files.isRegularFile(metaFile)) {
            try {
                JsonNode meta = new ObjectMapper().readTree(metaFile.toFile());
                JsonNode git = meta.path("git");
                JsonNode host = meta.path("host");
                JsonNode jvm = meta.path("jvm");
                line(model, source + "cqbench", meta.path("cqbenchVersion").asText() + (git.isMissingNode() ? ""
                    : ", commit " + git.path("commit").asText() + (git.path("dirty").asBoolean() ? " (uncommitted changes)" : "")));
                line(model, source + "command", String.join(" ", texts(meta.path("commandLine"))));
                line(model, source + "JDK", jvm.path("vendor").asText() + " " + jvm.path("version").asText() + ", "
                    + jvm.path("vmName").asText());
                line(model, source + "fork JVM options", String.join(" ", texts(jvm.path("forkJvmArgs"))));
                line(model, source + "machine", host.path("cpuModel").asText() + ", " + host.path("cores").asInt() + " cores, "
                    + String.format("%.1f", host.path("memoryBytes").asLong() / (double) (1L << 30)) + " GiB, "
                    + (host.hasNonNull("distribution") ? host.path("distribution").asText() + ", " : "")
                    + host.path("os").asText() + " " + host.path("kernel").asText() + " (" + host.path("hostname").asText() + ")");
                line(model, source + "time", meta.path("start").asText() + " to " + meta.path("end").asText());
                return;
            } catch (IOException e) {
                line(model, source + "metadata", "unreadable: " + e.getMessage());
            }
        }
        JsonNode first = results.size() > 0 ? results.get(0) : null;
        if (first != null) {
            line(model, source + "JDK", first.path("jdkVersion").asText() + ", " + first.path("vmName").asText() + " "
                + first.path("vmVersion").asText());
            line(model, source + "fork JVM options", String.join(" ", texts(first.path("jvmArgs"))));
        }
        line(model, source + "metadata", "no " + metaFile.getFileName() + " beside the results; machine unknown");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static void line(Model model, String name, String value) {
        model.environment.add(new EnvironmentLine(name, value));
    }

    static String html(Model model) {
        String template = resource("/io/cqbench/harness/report-template.html");
        String chartJs = resource(CHART_JS);
        String data;
        try {
            // "</" would end the script element early; JSON allows the escaped form.
            data = new ObjectMapper().writeValueAsString(model).replace("</", "<\\/");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the report model", e);
        }
        return template.replace("/*CHARTJS*/", chartJs).replace("/*DATA*/", data);
    }

    static String markdown(Model model) {
        StringBuilder text = new StringBuilder("# cqbench results\n\n");
        for (EnvironmentLine line : model.environment) {
            text.append("- ").append(line.name).append(": ").append(line.value.replace("|", "\\|")).append('\n');
        }
        text.append("\nM CQE/s is JMH throughput in millions of CQEs per second with its 99.9% confidence half-width")
            .append(" (none with fewer than 3 measurement iterations); ratios compare strategies of the same run")
            .append(" and parameter group. Round-trip and cost-breakdown tables are times in nanoseconds.\n");
        for (Group group : model.groups) {
            text.append("\n## ").append(group.workload).append("\n\n");
            if (group.source != null) {
                text.append(group.source).append(": ");
            }
            text.append('`').append(group.params).append("`\n\n");
            switch (group.kind) {
                case "sample":
                    markdownSampleTimes(group, text);
                    break;
                case "breakdown":
                    markdownBreakdown(group, text);
                    break;
                default:
                    markdownThroughputs(group, text);
            }
        }
        markdownCostCurves(model, text);
        return text.toString();
    }

    private static void markdownThroughputs(Group group, StringBuilder text) {
        boolean crossThread = group.bars.stream().anyMatch(bar -> bar.latencyMicros != null);
        text.append("| strategy | settings | M CQE/s | vs per-cqe-lock | vs unsynchronized | CQEs verified |")
            .append(crossThread ? " wake/CQE | efd/CQE | p50 us | p99 us | p99.9 us | max us |\n" : "\n");
        text.append("| --- | --- | ---: | ---: | ---: | ---: |").append(crossThread ? " ---: | ---: | ---: | ---: | ---: | ---: |\n" : "\n");
        for (Bar bar : group.bars) {
            text.append(String.format("| %s | %s | %s | %s | %s | %s |", bar.strategy,
                bar.settings.isEmpty() ? "-" : bar.settings, scoreText(bar), ratio(bar.vsBaseline), ratio(bar.vsCeiling),
                verifiedText(bar)));
            if (crossThread) {
                text.append(' ').append(decimal(bar.wakeUpsPerCqe, "%.3f")).append(" | ").append(decimal(bar.signalsPerCqe, "%.3f"))
                    .append(" |");
                for (int i = 0; i < 4; i++) {
                    text.append(' ').append(decimal(bar.latencyMicros == null ? null : bar.latencyMicros.get(i), "%.1f"))
                        .append(" |");
                }
            }
            text.append('\n');
        }
    }

    private static String decimal(Double value, String format) {
        return value == null ? "n/a" : String.format(format, value);
    }

    private static void markdownSampleTimes(Group group, StringBuilder text) {
        text.append("Round-trip time in ns, lower is better; ratios compare p50s.\n\n");
        text.append("| strategy | settings | mean ns | p50 | p99 | p99.9 | max | p50 vs per-cqe-lock | p50 vs unsynchronized"
            + " | CQEs verified |\n");
        text.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Bar bar : group.bars) {
            text.append(String.format("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", bar.strategy,
                bar.settings.isEmpty() ? "-" : bar.settings, scoreText(bar), nanos(bar.p50), nanos(bar.p99),
                nanos(bar.p999), nanos(bar.max), ratio(bar.vsBaseline), ratio(bar.vsCeiling), verifiedText(bar)));
        }
    }

    private static void markdownBreakdown(Group group, StringBuilder text) {
        text.append("ns per CQE with each step added to the ones above it, lower is better.\n\n");
        text.append("| step | ns/CQE | increment |\n");
        text.append("| --- | ---: | ---: |\n");
        for (Bar bar : group.bars) {
            text.append(String.format("| %s | %s | %s |%n", bar.strategy, scoreText(bar),
                bar.increment == null ? "-" : String.format("%+.2f", bar.increment)));
        }
    }

    private static String scoreText(Bar bar) {
        return bar.score == null ? "n/a" : String.format("%.2f", bar.score)
            + (bar.error == null ? "" : String.format(" ± %.2f", bar.error));
    }

    private static String nanos(Double value) {
        return value == null ? "n/a" : String.format("%.0f", value);
    }

    private static String verifiedText(Bar bar) {
        return bar.verified == null ? "n/a" : String.format("%,.0f", bar.verified);
    }

    private static void markdownCostCurves(Model model, StringBuilder text) {
        for (CostCurve curve : model.costCurves) {
            text.append("\n## deferred-array / per-cqe-lock by commit cost: ").append(curve.workload).append("\n\n");
            if (curve.source != null) {
                text.append(curve.source).append(": ");
            }
            text.append(curve.params.isEmpty() ? "no other parameters" : "`" + curve.params + "`")
                .append("; the kernel patch measured 2.3x.\n\n");
            text.append("| commitCost (ns) | deferred-array M CQE/s | per-cqe-lock M CQE/s | ratio |\n");
            text.append("| ---: | ---: | ---: | ---: |\n");
            for (CostPoint point : curve.points) {
                text.append(String.format("| %d | %.2f | %.2f | %.2fx |%n", point.commitCost, point.deferred, point.perCqe,
                    point.ratio));
            }
        }
    }

    private static String ratio(Double ratio) {
        return ratio == null ? "n/a" : String.format("%.2fx", ratio);
    }

    private static String resource(String name) {
        try (InputStream input = ReportCommand.class.getResourceAsStream(name)) {
            if (input == null) {
                throw new IllegalStateException("resource " + name + " is missing from the class path");
            }
            return new String(input.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + name, e);
        }
    }
}
