package io.cqbench.harness;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The table printed after a run, one group per workload and workload parameters.
 * <ul>
 * <li>Throughput workloads: each strategy's CQEs per second with JMH's error (99.9% confidence), its
 * ratio to {@code per-cqe-lock} and to {@code unsynchronized} measured in the same run, and how many
 * CQEs the verifier passed.</li>
 * <li>Sample-time workloads ({@code round-trip}): each strategy's mean, p50, p99, p99.9 and max in
 * nanoseconds, where lower is better, and the p50 ratios to the same two strategies.</li>
 * <li>Workloads without a strategy ({@code cost-breakdown}): one row per value of the workload's
 * {@linkplain WorkloadSpec#rowParam() row parameter}, its time per operation in nanoseconds and the
 * increment over the row before it.</li>
 * </ul>
 */
final class Summary {
    static final String BASELINE = "per-cqe-lock";
    static final String CEILING = "unsynchronized";
    /** JMH's short label of {@code Mode.Throughput}, as in its JSON. */
    static final String THROUGHPUT = "thrpt";
    /** JMH's short label of {@code Mode.SampleTime}. */
    static final String SAMPLE_TIME = "sample";

    /** One benchmark's numbers. Times are in nanoseconds; NaN where the mode has no such value. */
    static final class Row {
        final String workload;
        final String workloadParams;
        /** The strategy's alias, or for a workload without a strategy the value of its row parameter. */
        final String strategy;
        final String settings;
        final double score;
        final double error;
        final double verified;
        /** JMH's mode label: {@code thrpt}, {@code avgt}, {@code sample} or {@code ss}. */
        String mode = THROUGHPUT;
        /** Whether the workload runs a strategy; if not, {@link #strategy} is its row parameter's value. */
        boolean hasStrategy = true;
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        double p999 = Double.NaN;
        double max = Double.NaN;
        /** The row's place in its group: its index in the workload's {@link WorkloadSpec#rowOrder()}, else 0. */
        int order;
        /** The JMH parameter that names the row: {@code strategy}, or the workload's row parameter. */
        String rowParam = "strategy";
        /** Commits that woke the consumer, and eventfd signals, per verified CQE; NaN when not counted. */
        double wakeUpsPerCqe = Double.NaN;
        double signalsPerCqe = Double.NaN;
        /** Post-to-reap latency in microseconds: p50, p99, p99.9 and max; NaN when not recorded. */
        double[] latency = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};

        Row(String workload, String workloadParams, String strategy, String settings, double score, double error, double verified) {
            this.workload = workload;
            this.workloadParams = workloadParams;
            this.strategy = strategy;
            this.settings = settings;
            this.score = score;
            this.error = error;
            this.verified = verified;
        }

        /** Returns whether lower scores are better, as for every time mode. */
        boolean lowerIsBetter() {
            return !mode.equals(THROUGHPUT);
        }

        /** Returns the value ratios compare: the p50 for sample time, else the score. */
        double headline() {
            return mode.equals(SAMPLE_TIME) ? p50 : score;
        }

        boolean hasCrossThreadMetrics() {
            return !Double.isNaN(latency[0]) || !Double.isNaN(wakeUpsPerCqe);
        }
    }

    /**
     * The secondary metric that is the score of a {@code @Group} workload: CQEs its consumer reaped per
     * second. JMH's primary score of a group sums every method's invocations, which counts no CQEs.
     */
    static final String REAPED = "cqesReaped";
    static final String WAKE_UPS = "wakeUps";
    static final String SIGNALS = "eventfdSignals";
    static final List<String> LATENCY = List.of(LatencyProfiler.P50, LatencyProfiler.P99, LatencyProfiler.P999,
        LatencyProfiler.MAX);

    private final List<Row> rows;

    private Summary(List<Row> rows) {
        this.rows = rows;
    }

    static Summary of(Collection<RunResult> results, Workloads workloads) {
        List<Row> rows = new ArrayList<>();
        for (RunResult result : results) {
            BenchmarkParams params = result.getParams();
            String benchmark = params.getBenchmark();
            String className = benchmark.substring(0, benchmark.lastIndexOf('.'));
            WorkloadSpec spec = workloads.byBenchmarkClass(className);
            Map<String, String> values = new LinkedHashMap<>();
            for (String key : params.getParamsKeys()) {
                values.put(key, params.getParam(key));
            }
            Map<String, Result> secondary = result.getSecondaryResults();
            Result<?> primary = secondary.containsKey(REAPED) ? secondary.get(REAPED) : result.getPrimaryResult();
            Result<?> verified = secondary.get("cqesVerified");
            String mode = params.getMode().shortLabel();
            double toNanos = nanosPerUnit(primary.getScoreUnit());
            Row row = row(spec, spec != null ? spec.name() : benchmark, values, mode, primary.getScore() * toNanosIfTime(mode, toNanos),
                primary.getScoreError() * toNanosIfTime(mode, toNanos), verified != null ? verified.getScore() : Double.NaN);
            if (mode.equals(SAMPLE_TIME)) {
                Statistics statistics = primary.getStatistics();
                row.p50 = statistics.getPercentile(50) * toNanos;
                row.p99 = statistics.getPercentile(99) * toNanos;
                row.p999 = statistics.getPercentile(99.9) * toNanos;
                row.max = statistics.getMax() * toNanos;
            }
            row.wakeUpsPerCqe = score(secondary.get(WAKE_UPS)) / row.verified;
            row.signalsPerCqe = score(secondary.get(SIGNALS)) / row.verified;
            for (int i = 0; i < row.latency.length; i++) {
                row.latency[i] = score(secondary.get(LATENCY.get(i)));
            }
            rows.add(row);
        }
        return new Summary(rows);
    }

    /** Builds the summary from a JMH JSON result file's tree, as {@link #of} does from JMH's results. */
    static Summary ofJson(com.fasterxml.jackson.databind.JsonNode results, Workloads workloads) {
        List<Row> rows = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode result : results) {
            String benchmark = result.path("benchmark").asText();
            String className = benchmark.contains(".") ? benchmark.substring(0, benchmark.lastIndexOf('.')) : benchmark;
            WorkloadSpec spec = workloads.byBenchmarkClass(className);
            String workload = spec != null ? spec.name() : benchmark.substring(benchmark.lastIndexOf('.') + 1);
            Map<String, String> params = new java.util.TreeMap<>();
            result.path("params").fields().forEachRemaining(field -> params.put(field.getKey(), field.getValue().asText()));
            com.fasterxml.jackson.databind.JsonNode secondary = result.path("secondaryMetrics");
            com.fasterxml.jackson.databind.JsonNode primary = secondary.has(REAPED) ? secondary.path(REAPED)
                : result.path("primaryMetric");
            com.fasterxml.jackson.databind.JsonNode verified = secondary.path("cqesVerified");
            String mode = result.path("mode").asText(THROUGHPUT);
            double toNanos = nanosPerUnit(primary.path("scoreUnit").asText("ops/s"));
            Row row = row(spec, workload, params, mode, primary.path("score").asDouble() * toNanosIfTime(mode, toNanos),
                primary.path("scoreError").asDouble(Double.NaN) * toNanosIfTime(mode, toNanos),
                verified.isMissingNode() ? Double.NaN : verified.path("score").asDouble());
            com.fasterxml.jackson.databind.JsonNode percentiles = primary.path("scorePercentiles");
            if (mode.equals(SAMPLE_TIME) && !percentiles.isMissingNode()) {
                row.p50 = percentiles.path("50.0").asDouble(Double.NaN) * toNanos;
                row.p99 = percentiles.path("99.0").asDouble(Double.NaN) * toNanos;
                row.p999 = percentiles.path("99.9").asDouble(Double.NaN) * toNanos;
                row.max = percentiles.path("100.0").asDouble(Double.NaN) * toNanos;
            }
            row.wakeUpsPerCqe = score(secondary.path(WAKE_UPS)) / row.verified;
            row.signalsPerCqe = score(secondary.path(SIGNALS)) / row.verified;
            for (int i = 0; i < row.latency.length; i++) {
                row.latency[i] = score(secondary.path(LATENCY.get(i)));
            }
            rows.add(row);
        }
        return new Summary(rows);
    }

    /**
     * Builds one row from a benchmark's JMH parameters: the strategy's alias and settings, or for a
     * workload without a strategy its row parameter's value, and the other parameters as the group key.
     */
    private static Row row(WorkloadSpec spec, String workload, Map<String, String> params, String mode, double score,
                           double error, double verified) {
        boolean hasStrategy = spec == null || spec.usesStrategy();
        String rowParam = hasStrategy ? "strategy" : spec.rowParam();
        StringBuilder workloadParams = new StringBuilder();
        StringBuilder settings = new StringBuilder();
        for (Map.Entry<String, String> param : params.entrySet()) {
            if (!param.getKey().equals(rowParam)) {
                appendParam(param.getKey(), param.getValue(), workloadParams, settings);
            }
        }
        Row row = new Row(workload, workloadParams.toString(), params.getOrDefault(rowParam, "?"), settings.toString(),
            score, error, verified);
        row.mode = mode;
        row.hasStrategy = hasStrategy;
        row.rowParam = rowParam;
        if (!hasStrategy) {
            int index = spec.rowOrder().indexOf(row.strategy);
            row.order = index >= 0 ? index : spec.rowOrder().size();
        }
        return row;
    }

    private static double score(Result<?> result) {
        return result != null ? result.getScore() : Double.NaN;
    }

    private static double score(com.fasterxml.jackson.databind.JsonNode metric) {
        return metric.isMissingNode() ? Double.NaN : metric.path("score").asDouble(Double.NaN);
    }

    /** Returns the factor that turns a time mode's score into nanoseconds; 1 for throughput. */
    private static double toNanosIfTime(String mode, double toNanos) {
        return mode.equals(THROUGHPUT) ? 1 : toNanos;
    }

    /** Returns nanoseconds per unit of a JMH time unit such as {@code ns/op} or {@code us/op}; 1 for others. */
    static double nanosPerUnit(String unit) {
        String time = unit.contains("/") ? unit.substring(0, unit.indexOf('/')) : unit;
        switch (time) {
            case "us":
                return 1e3;
            case "ms":
                return 1e6;
            case "s":
                return 1e9;
            case "min":
                return 60e9;
            default:
                return 1;
        }
    }

    /** Sorts one JMH parameter into the workload's parameters or the strategy's settings. */
    private static void appendParam(String key, String value, StringBuilder workloadParams, StringBuilder settings) {
        if (WorkloadSpec.STRATEGY_PARAMS.contains(key)) {
            if (!value.equals(StrategyParams.NOT_APPLICABLE) && !value.isEmpty()) {
                settings.append(settings.length() == 0 ? "" : " ").append(key).append('=').append(value);
            }
        } else {
            workloadParams.append(workloadParams.length() == 0 ? "" : " ").append(key).append('=').append(value);
        }
    }

    List<Row> rows() {
        return rows;
    }

    /** Returns the rows grouped by workload and workload parameters, in first-seen order, each group in row order. */
    Map<String, List<Row>> groups() {
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        for (Row row : rows) {
            groups.computeIfAbsent(row.workload + "  " + row.workloadParams, key -> new ArrayList<>()).add(row);
        }
        for (List<Row> group : groups.values()) {
            group.sort(Comparator.comparingInt(row -> row.order));
        }
        return groups;
    }

    /**
     * Returns the ratio of {@code row} to the reference strategy's row of the same group, or NaN. Sample-time
     * rows compare their p50.
     */
    double ratio(Row row, String reference) {
        Row match = null;
        for (Row candidate : rows) {
            if (candidate.hasStrategy && candidate.strategy.equals(reference) && candidate.workload.equals(row.workload)
                && candidate.workloadParams.equals(row.workloadParams) && candidate.mode.equals(row.mode)) {
                // Prefer the reference row with the same lock kind, when both have one.
                if (match == null || sameLock(candidate, row)) {
                    match = candidate;
                }
            }
        }
        return match == null ? Double.NaN : row.headline() / match.headline();
    }

    /**
     * Returns how much {@code row}'s score exceeds that of the row before it in {@code group}, for a
     * workload without a strategy; NaN for the first row.
     */
    static double increment(List<Row> group, Row row) {
        int index = group.indexOf(row);
        return index <= 0 ? Double.NaN : row.score - group.get(index - 1).score;
    }

    private static boolean sameLock(Row a, Row b) {
        return lockOf(a) != null && lockOf(a).equals(lockOf(b));
    }

    private static String lockOf(Row row) {
        for (String part : row.settings.split(" ")) {
            if (part.startsWith("lock=")) {
                return part;
            }
        }
        return null;
    }

    /** Formats the tables, grouped by workload and parameters, then failures and pairs not applicable. */
    String format(Map<String, String> failures, List<RunPlan> notApplicable) {
        Map<String, List<Row>> groups = groups();
        StringBuilder text = new StringBuilder();
        appendLegend(text, groups);
        // The strategy column widens for a longer alias, such as one from a strategy jar.
        int strategyWidth = 16;
        for (List<Row> group : groups.values()) {
            for (Row row : group) {
                strategyWidth = Math.max(strategyWidth, row.strategy.length());
            }
        }
        String strategyColumn = "%-" + strategyWidth + "s";
        for (Map.Entry<String, List<Row>> group : groups.entrySet()) {
            text.append(group.getKey()).append('\n');
            Row first = group.getValue().get(0);
            if (!first.hasStrategy) {
                appendBreakdown(text, group.getValue(), strategyColumn);
            } else if (first.mode.equals(SAMPLE_TIME)) {
                appendSampleTimes(text, group.getValue(), strategyColumn);
            } else {
                appendThroughputs(text, group.getValue(), strategyColumn);
            }
            text.append('\n');
        }
        for (Map.Entry<String, String> failure : failures.entrySet()) {
            text.append("FAILED ").append(failure.getKey()).append(": ").append(failure.getValue()).append('\n');
        }
        for (RunPlan plan : notApplicable) {
            text.append("not applicable ").append(plan.label()).append(": ").append(plan.notApplicable).append('\n');
        }
        return text.toString();
    }

    /** Explains the columns of the kinds of table that follow, and only those. */
    private static void appendLegend(StringBuilder text, Map<String, List<Row>> groups) {
        boolean throughput = false;
        boolean sampleTime = false;
        boolean breakdown = false;
        for (List<Row> group : groups.values()) {
            Row first = group.get(0);
            breakdown |= !first.hasStrategy;
            sampleTime |= first.hasStrategy && first.mode.equals(SAMPLE_TIME);
            throughput |= first.hasStrategy && !first.mode.equals(SAMPLE_TIME);
        }
        if (throughput) {
            text.append("M CQE/s: JMH throughput in millions of CQEs per second (one operation is one CQE).\n");
            text.append("+-(M), +-%: JMH's 99.9% confidence half-width, absolute and relative to the score;"
                + " n/a with fewer than 3 measurement iterations in all.\n");
        }
        if (sampleTime) {
            text.append("mean ns, p50 .. max: JMH sample time per operation in nanoseconds, lower is better;"
                + " +-(ns) is the mean's 99.9% confidence half-width.\n");
        }
        if (throughput || sampleTime) {
            text.append("vs ...: ratio to that strategy in the same run and parameter group (of the p50 for sample"
                + " time); n/a when it was not run.\n");
            text.append("CQEs verified: CQEs the ordering verifier checked, summed over all forks and measurement"
                + " iterations.\n");
        }
        if (groups.values().stream().flatMap(List::stream).anyMatch(Row::hasCrossThreadMetrics)) {
            text.append("Cross-thread workloads: M CQE/s counts CQEs the consumer reaped (JMH's cqesReaped);"
                + " wake/CQE and efd/CQE: commits that woke the parked consumer and eventfd signals per CQE (above 1"
                + " when refused posts also commit and signal); p50 .. p99.9 us: post-to-reap latency percentiles in"
                + " microseconds, averaged over iterations; max us: the largest over all iterations.\n");
        }
        if (breakdown) {
            text.append("ns/op: JMH average time per operation in nanoseconds, lower is better; +-(ns) is its 99.9%"
                + " confidence half-width; increment: ns/op more than the row above. In cost-breakdown one operation is one CQE.\n");
        }
        text.append('\n');
    }

    private void appendThroughputs(StringBuilder text, List<Row> group, String strategyColumn) {
        boolean crossThread = group.stream().anyMatch(Row::hasCrossThreadMetrics);
        text.append(String.format(strategyColumn + " %-24s %10s %8s %7s %16s %16s %14s", "strategy", "settings",
            "M CQE/s", "+-(M)", "+-%", "vs " + BASELINE, "vs " + CEILING, "CQEs verified"));
        text.append(crossThread ? String.format(" %9s %9s %9s %9s %9s %9s%n", "wake/CQE", "efd/CQE", "p50 us",
            "p99 us", "p99.9 us", "max us") : "\n");
        for (Row row : group) {
            text.append(String.format(strategyColumn + " %-24s %10.2f %8s %7s %16s %16s %14s", row.strategy,
                row.settings.isEmpty() ? "-" : row.settings, row.score / 1e6, errorText(row.error / 1e6, "%.2f"),
                errorText(100 * row.error / row.score, "%.1f%%"), ratioText(ratio(row, BASELINE)),
                ratioText(ratio(row, CEILING)), verifiedText(row)));
            if (crossThread) {
                text.append(String.format(" %9s %9s", errorText(row.wakeUpsPerCqe, "%.3f"),
                    errorText(row.signalsPerCqe, "%.3f")));
                for (double value : row.latency) {
                    text.append(String.format(" %9s", errorText(value, "%.1f")));
                }
            }
            text.append('\n');
        }
    }

    private void appendSampleTimes(StringBuilder text, List<Row> group, String strategyColumn) {
        text.append(String.format(strategyColumn + " %-24s %10s %9s %9s %9s %9s %11s %20s %20s %14s%n", "strategy",
            "settings", "mean ns", "+-(ns)", "p50", "p99", "p99.9", "max", "p50 vs " + BASELINE, "p50 vs " + CEILING,
            "CQEs verified"));
        for (Row row : group) {
            text.append(String.format(strategyColumn + " %-24s %10.1f %9s %9.0f %9.0f %9.0f %11.0f %20s %20s %14s%n",
                row.strategy, row.settings.isEmpty() ? "-" : row.settings, row.score, errorText(row.error, "%.1f"),
                row.p50, row.p99, row.p999, row.max, ratioText(ratio(row, BASELINE)), ratioText(ratio(row, CEILING)),
                verifiedText(row)));
        }
    }

    private static void appendBreakdown(StringBuilder text, List<Row> group, String rowColumn) {
        text.append(String.format(rowColumn + " %10s %9s %10s%n", group.get(0).rowParam, "ns/op", "+-(ns)", "increment"));
        for (Row row : group) {
            double increment = increment(group, row);
            text.append(String.format(rowColumn + " %10.2f %9s %10s%n", row.strategy, row.score,
                errorText(row.error, "%.2f"), Double.isNaN(increment) ? "-" : String.format("%+.2f", increment)));
        }
    }

    private static String verifiedText(Row row) {
        return Double.isNaN(row.verified) ? "n/a" : String.format("%.0f", row.verified);
    }

    /** JMH reports no error (NaN) for fewer than two measurement iterations. */
    private static String errorText(double value, String format) {
        return Double.isNaN(value) ? "n/a" : String.format(format, value);
    }

    private static String ratioText(double ratio) {
        return Double.isNaN(ratio) ? "n/a" : String.format("%.2fx", ratio);
    }
}
