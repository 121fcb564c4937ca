package io.cqbench.harness.trace;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** The real captures in the test resources, and helpers that make altered copies of them. */
final class Captures {
    static final Path DIR = Path.of("src", "test", "resources", "traces");
    static final String ENOBUFS = "recv-multishot-enobufs.ftrace.txt";
    static final String ENOBUFS_PERF = "recv-multishot-enobufs.perf-script.txt";
    static final String PEER_CLOSE = "recv-multishot-peer-close.ftrace.txt";
    static final String POLL = "poll-multishot-128-eventfd.ftrace.txt.gz";

    private Captures() {
    }

    static Path path(String name) {
        return DIR.resolve(name);
    }

    /** Returns the lines of a capture, decompressing it when it is gzip-compressed. */
    static List<String> lines(String name) throws IOException {
        byte[] bytes = Files.readAllBytes(path(name));
        InputStream input = new ByteArrayInputStream(bytes);
        if (name.endsWith(".gz")) {
            input = new GZIPInputStream(input);
        }
        return new ArrayList<>(List.of(new String(input.readAllBytes(), StandardCharsets.UTF_8).split("\n")));
    }

    static TraceVerifier verify(String name, List<String> lines) throws IOException, TraceFormatException {
        try (TraceReader reader = reader(name, lines)) {
            return TraceVerifier.verify(reader);
        }
    }

    static TraceReader reader(String name, List<String> lines) throws IOException {
        return TraceReader.open(name, new ByteArrayInputStream(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    /** Returns the index of the first line containing every one of {@code parts}. */
    static int find(List<String> lines, String... parts) {
        for (int i = 0; i < lines.size(); i++) {
            boolean all = true;
            for (String part : parts) {
                all &= lines.get(i).contains(part);
            }
            if (all) {
                return i;
            }
        }
        throw new AssertionError("no line contains all of " + List.of(parts));
    }

    /** Rewrites an {@code io_uring_complete} line as the {@code io_uring_cqe_overflow} line of the same CQE. */
    static String asOverflow(String completeLine) {
        return completeLine.replaceFirst(
            "io_uring_complete: ring (\\S+), req \\S+, user_data (\\S+), result (\\S+), cflags (\\S+) extra1.*$",
            "io_uring_cqe_overflow: ring $1, user_data $2, res $3, cflags $4, overflow_cqe 00000000deadbeef");
    }
}
