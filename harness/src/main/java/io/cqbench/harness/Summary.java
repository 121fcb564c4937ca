package io.cqbench.harness;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The table printed after a run: per workload and workload parameters, each strategy's CQEs per
 * second with JMH's error (99.9% confidence), its ratio to {@code per-cqe-lock} and to
 * {@code unsynchronized} measured in the same run, and how many CQEs the verifier passed.
 */
final class Summary {
    static final String BASELINE = "per-cqe-lock";
    static final String CEILING = "unsynchronized";

    /** One benchmark's numbers. */
    static final class Row {
        final String workload;
        final String workloadParams;
        final String strategy;
        final String settings;
        final double score;
        final double error;
        final double verified;
        /** Commits that woke the consumer, and eventfd signals, per verified CQE; NaN when not counted. */
        final double wakeUpsPerCqe;
        final double signalsPerCqe;
        /** Post-to-reap latency in microseconds: p50, p99, p99.9 and max; NaN when not recorded. */
        final double[] latency;

        Row(String workload, String workloadParams, String strategy, String settings, double score, double error, double verified) {
            this(workload, workloadParams, strategy, settings, score, error, verified, Double.NaN, Double.NaN,
                new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN});
        }

        Row(String workload, String workloadParams, String strategy, String settings, double score, double error,
            double verified, double wakeUpsPerCqe, double signalsPerCqe, double[] latency) {
            this.workload = workload;
            this.workloadParams = workloadParams;
            this.strategy = strategy;
            this.settings = settings;
            this.score = score;
            this.error = error;
            this.verified = verified;
            this.wakeUpsPerCqe = wakeUpsPerCqe;
            this.signalsPerCqe = signalsPerCqe;
            this.latency = latency;
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
            String workload = spec != null ? spec.name() : benchmark;
            StringBuilder workloadParams = new StringBuilder();
            StringBuilder settings = new StringBuilder();
            for (String key : params.getParamsKeys()) {
                appendParam(key, params.getParam(key), workloadParams, settings);
            }
            Map<String, Result> secondary = result.getSecondaryResults();
            Result<?> score = secondary.containsKey(REAPED) ? secondary.get(REAPED) : result.getPrimaryResult();
            double verified = score(secondary.get("cqesVerified"));
            double[] latency = new double[LATENCY.size()];
            for (int i = 0; i < latency.length; i++) {
                latency[i] = score(secondary.get(LATENCY.get(i)));
            }
            rows.add(new Row(workload, workloadParams.toString(), params.getParam("strategy"), settings.toString(),
                score.getScore(), score.getScoreError(), verified, score(secondary.get(WAKE_UPS)) / verified,
                score(secondary.get(SIGNALS)) / verified, latency));
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
            StringBuilder workloadParams = new StringBuilder();
            StringBuilder settings = new StringBuilder();
            for (Map.Entry<String, String> param : params.entrySet()) {
                appendParam(param.getKey(), param.getValue(), workloadParams, settings);
            }
            com.fasterxml.jackson.databind.JsonNode secondary = result.path("secondaryMetrics");
            com.fasterxml.jackson.databind.JsonNode primary = secondary.has(REAPED) ? secondary.path(REAPED)
                : result.path("primaryMetric");
            double verified = score(secondary.path("cqesVerified"));
            double[] latency = new double[LATENCY.size()];
            for (int i = 0; i < latency.length; i++) {
                latency[i] = score(secondary.path(LATENCY.get(i)));
            }
            rows.add(new Row(workload, workloadParams.toString(), params.getOrDefault("strategy", "?"), settings.toString(),
                primary.path("score").asDouble(), primary.path("scoreError").asDouble(Double.NaN), verified,
                score(secondary.path(WAKE_UPS)) / verified, score(secondary.path(SIGNALS)) / verified, latency));
        }
        return new Summary(rows);
    }

    private static double score(Result<?> result) {
        return result != null ? result.getScore() : Double.NaN;
    }

    private static double score(com.fasterxml.jackson.databind.JsonNode metric) {
        return metric.isMissingNode() ? Double.NaN : metric.path("score").asDouble(Double.NaN);
    }

    /** Sorts one JMH parameter into the workload's parameters or the strategy's settings; skips the alias. */
    private static void appendParam(String key, String value, StringBuilder workloadParams, StringBuilder settings) {
        if (key.equals("strategy")) {
            return;
        }
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

    /** Returns the rows grouped by workload and workload parameters, in first-seen order. */
    Map<String, List<Row>> groups() {
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        for (Row row : rows) {
            groups.computeIfAbsent(row.workload + "  " + row.workloadParams, key -> new ArrayList<>()).add(row);
        }
        return groups;
    }

    /** Returns the ratio of {@code row} to the reference strategy's row of the same group, or NaN. */
    double ratio(Row row, String reference) {
        Row match = null;
        for (Row candidate : rows) {
            if (candidate.strategy.equals(reference) && candidate.workload.equals(row.workload)
                && candidate.workloadParams.equals(row.workloadParams)) {
                // Prefer the reference row with the same lock kind, when both have one.
                if (match == null || sameLock(candidate, row)) {
                    match = candidate;
                }
            }
        }
        return match == null ? Double.NaN : row.score / match.score;
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

    /** Formats the table, grouped by workload and parameters, then failures and pairs not applicable. */
    String format(Map<String, String> failures, List<RunPlan> notApplicable) {
        Map<String, List<Row>> groups = groups();
        StringBuilder text = new StringBuilder();
        text.append("M CQE/s: JMH throughput in millions of CQEs per second (one operation is one CQE).\n");
        text.append("+-(M), +-%: JMH's 99.9% confidence half-width, absolute and relative to the score;"
            + " n/a with fewer than 3 measurement iterations in all.\n");
        text.append("vs ...: ratio to that strategy in the same run and parameter group; n/a when it was not run.\n");
        text.append("CQEs verified: CQEs the ordering verifier checked, summed over all forks and measurement iterations.\n");
        if (rows.stream().anyMatch(Row::hasCrossThreadMetrics)) {
            text.append("Cross-thread workloads: M CQE/s counts CQEs the consumer reaped (JMH's cqesReaped);"
                + " wake/CQE and efd/CQE: commits that woke the sleeping consumer and eventfd signals per CQE;"
                + " p50 ... max us: post-to-reap latency in microseconds, percentiles averaged over iterations.\n");
        }
        text.append('\n');
        // The strategy column widens for a longer alias, such as one from a strategy jar.
        int strategyWidth = 16;
        for (List<Row> group : groups.values()) {
            for (Row row : group) {
                strategyWidth = Math.max(strategyWidth, row.strategy.length());
            }
        }
        String strategyColumn = "%-" + strategyWidth + "s";
        String header = String.format(strategyColumn + " %-24s %10s %8s %7s %16s %16s %14s%n", "strategy", "settings",
            "M CQE/s", "+-(M)", "+-%", "vs " + BASELINE, "vs " + CEILING, "CQEs verified");
        for (Map.Entry<String, List<Row>> group : groups.entrySet()) {
            boolean crossThread = group.getValue().stream().anyMatch(Row::hasCrossThreadMetrics);
            text.append(group.getKey()).append('\n').append(header.stripTrailing());
            text.append(crossThread ? String.format(" %9s %9s %9s %9s %9s %9s%n", "wake/CQE", "efd/CQE", "p50 us",
                "p99 us", "p99.9 us", "max us") : "\n");
            for (Row row : group.getValue()) {
                text.append(String.format(strategyColumn + " %-24s %10.2f %8s %7s %16s %16s %14s", row.strategy,
                    row.settings.isEmpty() ? "-" : row.settings, row.score / 1e6, errorText(row.error / 1e6, "%.2f"),
                    errorText(100 * row.error / row.score, "%.1f%%"), ratioText(ratio(row, BASELINE)),
                    ratioText(ratio(row, CEILING)),
                    Double.isNaN(row.verified) ? "n/a" : String.format("%.0f", row.verified)));
                if (crossThread) {
                    text.append(String.format(" %9s %9s", errorText(row.wakeUpsPerCqe, "%.3f"),
                        errorText(row.signalsPerCqe, "%.3f")));
                    for (double value : row.latency) {
                        text.append(String.format(" %9s", errorText(value, "%.1f")));
                    }
                }
                text.append('\n');
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

    /** JMH reports no error (NaN) for fewer than two measurement iterations. */
    private static String errorText(double value, String format) {
        return Double.isNaN(value) ? "n/a" : String.format(format, value);
    }

    private static String ratioText(double ratio) {
        return Double.isNaN(ratio) ? "n/a" : String.format("%.2fx", ratio);
    }
}
