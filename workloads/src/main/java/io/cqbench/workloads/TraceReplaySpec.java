package io.cqbench.workloads;

import io.cqbench.harness.Profile;
import io.cqbench.harness.UsageException;
import io.cqbench.harness.WorkloadSpec;
import io.cqbench.harness.trace.CqeStream;
import io.cqbench.harness.trace.TraceFormatException;
import io.cqbench.spi.CqConfig;
import io.cqbench.spi.Setting;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Describes {@code trace-replay} to the harness, and pins each capture to its SHA-256 before a run. */
public final class TraceReplaySpec implements WorkloadSpec {
    /** Captures already read and checked in this run, by parameter value; each is read once. */
    private final Map<String, String> pinned = new HashMap<>();
    /** The largest batch of each pinned capture, by pinned value. */
    private final Map<String, Integer> largestBatch = new HashMap<>();

    @Override
    public String name() {
        return "trace-replay";
    }

    @Override
    public String description() {
        return "a real io_uring capture's CQ stream, batch by batch, checked CQE by CQE against the capture";
    }

    @Override
    public String benchmarkClass() {
        return TraceReplayBenchmark.class.getName();
    }

    @Override
    public List<Setting> params() {
        return List.of(
            Setting.ofText("trace", TraceSource.DEFAULT,
                "capture to replay: an ftrace or perf script file, plain or gzip; its largest ring is replayed"),
            Setting.ofPowerOfTwo("entries", 4096, 2, 1 << 24, "CQ ring entries; at least the capture's largest batch"),
            Setting.ofChoice("eventfd", "whether an eventfd is registered and signalled on every commit", "true", "false"),
            Setting.ofInt("commitCost", 0, 0, (int) CqConfig.MAX_COMMIT_COST_NANOS, "nanoseconds of busy work on every"
                + " commit, in every strategy's post-commit signals: per-commit kernel costs the model lacks"),
            Setting.ofInt("workPerCqe", 0, 0, 1_000_000,
                "Blackhole.consumeCPU tokens per CQE, standing for the rest of the kernel path"));
    }

    @Override
    public Map<String, List<String>> profileParams(Profile profile) {
        return Map.of();
    }

    @Override
    public List<String> resolveParam(String name, List<String> values) {
        if (!name.equals("trace")) {
            return values;
        }
        List<String> resolved = new ArrayList<>();
        for (String value : values) {
            resolved.add(pinned.computeIfAbsent(value, this::pin));
        }
        return resolved;
    }

    @Override
    public void checkParams(Map<String, List<String>> params) {
        for (String trace : params.get("trace")) {
            int batch = largestBatch.get(trace);
            for (String entries : params.get("entries")) {
                if (Integer.parseInt(entries.trim()) < batch) {
                    throw new UsageException("invalid entries=" + entries.trim() + " for trace-replay of "
                        + trace.substring(0, trace.indexOf('#')) + ": its largest batch has " + batch
                        + " CQEs, so the CQ needs at least " + batch + " entries; raise -p entries");
                }
            }
        }
    }

    /** Reads and checks a capture, and returns the parameter value with its absolute path and SHA-256. */
    private String pin(String value) {
        if (value.isBlank()) {
            throw new UsageException("-p trace= is empty; give a capture file or " + TraceSource.DEFAULT);
        }
        try {
            TraceSource source = TraceSource.read(value);
            CqeStream stream = source.stream();
            String result = source.pinned();
            largestBatch.put(result, stream.maxBatch());
            return result;
        } catch (IOException e) {
            throw new UsageException("cannot read capture -p trace=" + value + ": " + TraceSource.describe(e)
                + "; give a readable ftrace or perf script file, or " + TraceSource.DEFAULT);
        } catch (TraceFormatException e) {
            throw new UsageException("invalid capture -p trace=" + value + ": " + e.getMessage());
        }
    }
}
