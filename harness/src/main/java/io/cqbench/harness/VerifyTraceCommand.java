package io.cqbench.harness;

import io.cqbench.harness.trace.Errno;
import io.cqbench.harness.trace.TraceFormatException;
import io.cqbench.harness.trace.TraceReader;
import io.cqbench.harness.trace.TraceVerifier;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.StringJoiner;

/**
 * {@code cqbench verify-trace FILE...}: checks the ordering rule on real io_uring captures and prints a
 * summary per ring. Exit status 0 when every capture is clean, 1 when any has a violation, 2 when any
 * is unreadable or invalid.
 */
final class VerifyTraceCommand {
    private VerifyTraceCommand() {
    }

    static int run(String[] files, PrintStream out, PrintStream err) {
        if (files.length == 0) {
            throw new UsageException("verify-trace needs at least one capture file (ftrace trace or perf script"
                + " output, plain or gzip-compressed)");
        }
        int status = 0;
        for (String name : files) {
            status = Math.max(status, verify(Path.of(name), out, err));
        }
        return status;
    }

    private static int verify(Path file, PrintStream out, PrintStream err) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            err.println("cqbench: cannot read capture " + file + ": " + (Files.exists(file) ? "not a readable file" : "no such file"));
            return 2;
        }
        TraceVerifier verifier;
        TraceReader reader;
        try {
            reader = TraceReader.open(file);
            try (reader) {
                verifier = TraceVerifier.verify(reader);
            }
        } catch (TraceFormatException e) {
            err.println("cqbench: invalid capture: " + e.getMessage());
            return 2;
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            err.println("cqbench: cannot read capture " + file + ": corrupt or truncated gzip data (" + e.getMessage() + ")");
            return 2;
        } catch (IOException e) {
            err.println("cqbench: cannot read capture " + file + ": " + e.getMessage());
            return 2;
        }

        long violations = verifier.violationCount();
        out.printf("%s: %s%s%n", file, violations == 0 ? "clean" : violations + " violation(s)",
            reader.incomplete() ? ", INCOMPLETE: the tracer lost " + reader.lostEvents() + " event(s)" : "");
        out.printf("  %d line(s) of other events or tracers skipped%n", reader.skippedLines());
        if (reader.overwrittenEvents() > 0) {
            out.printf("  the trace buffer overwrote the %d oldest event(s): the capture starts late%n",
                reader.overwrittenEvents());
        }
        for (long gap : verifier.gaps()) {
            out.printf("  gap at line %d: events were lost there, so no rule was checked across it%n", gap);
        }
        for (TraceVerifier.RingReport ring : verifier.rings().values()) {
            printRing(ring, out);
        }
        return violations == 0 ? 0 : 1;
    }

    private static void printRing(TraceVerifier.RingReport ring, PrintStream out) {
        out.printf("  ring %s (first CQE from task %s)%n", ring.ring, ring.task() != null ? ring.task() : "none");
        out.printf("    CQEs              %d (%d overflowed)%n", ring.cqes(), ring.overflowedCqes());
        out.printf("    requests          %d user_data value(s), %d submission(s)%n", ring.requests(), ring.submissions());
        out.printf("    multishot CQEs    %d%n", ring.multishotCqes());
        out.printf("    terminating CQEs  %d%s%n", ring.cqes() - ring.multishotCqes(), byRes(ring.terminatingByRes()));
        out.printf("    batches           %d, sizes: %s%n", ring.batches(), sizes(ring.batchSizes()));
        for (TraceVerifier.Violation violation : ring.violations()) {
            out.println("    VIOLATION " + violation);
        }
        if (ring.violationCount() > ring.violations().size()) {
            out.printf("    ... and %d more violation(s)%n", ring.violationCount() - ring.violations().size());
        }
    }

    private static String byRes(Map<Integer, Long> byRes) {
        if (byRes.isEmpty()) {
            return "";
        }
        StringJoiner joiner = new StringJoiner(", ", ": ", "");
        for (Map.Entry<Integer, Long> entry : byRes.entrySet()) {
            joiner.add(entry.getValue() + " x res " + Errno.describe(entry.getKey()));
        }
        return joiner.toString();
    }

    /** Lists exact sizes when there are few, else power-of-two buckets. */
    private static String sizes(Map<Long, Long> sizes) {
        if (sizes.isEmpty()) {
            return "none";
        }
        StringJoiner joiner = new StringJoiner(", ");
        if (sizes.size() <= 8) {
            for (Map.Entry<Long, Long> entry : sizes.entrySet()) {
                joiner.add(entry.getValue() + " x " + entry.getKey() + " CQE(s)");
            }
            return joiner.toString();
        }
        java.util.TreeMap<Long, Long> buckets = new java.util.TreeMap<>();
        for (Map.Entry<Long, Long> entry : sizes.entrySet()) {
            buckets.merge(Long.highestOneBit(entry.getKey()), entry.getValue(), Long::sum);
        }
        for (Map.Entry<Long, Long> bucket : buckets.entrySet()) {
            long low = bucket.getKey();
            joiner.add(bucket.getValue() + " x " + (low == 1 ? "1" : low + "-" + (2 * low - 1)) + " CQE(s)");
        }
        return joiner.toString();
    }
}
