package io.cqbench.harness;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cqbench verify-trace}: output and exit status for clean, violating and unreadable captures. */
class VerifyTraceCommandTest {
    private static final Path TRACES = Path.of("src", "test", "resources", "traces");

    @TempDir
    Path dir;

    private String out;
    private String err;

    private int verifyTrace(String... files) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        String[] args = new String[files.length + 1];
        args[0] = "verify-trace";
        System.arraycopy(files, 0, args, 1, files.length);
        int status = Cli.run(args, new PrintStream(stdout, true, StandardCharsets.UTF_8),
            new PrintStream(stderr, true, StandardCharsets.UTF_8));
        out = stdout.toString(StandardCharsets.UTF_8);
        err = stderr.toString(StandardCharsets.UTF_8);
        return status;
    }

    @Test
    void everyBundledCaptureIsClean() throws IOException {
        List<String> files = new ArrayList<>();
        try (var paths = Files.list(TRACES)) {
            paths.sorted().forEach(path -> files.add(path.toString()));
        }
        assertEquals(4, files.size());

        int status = verifyTrace(files.toArray(new String[0]));

        assertEquals(0, status, out + err);
        for (String file : files) {
            assertTrue(out.contains(file + ": clean"), out);
        }
    }

    @Test
    void summaryNamesErrnoAndBatches() {
        int status = verifyTrace(TRACES.resolve("recv-multishot-enobufs.ftrace.txt").toString());

        assertEquals(0, status, err);
        assertTrue(out.contains("CQEs              12 (0 overflowed)"), out);
        assertTrue(out.contains("requests          4 user_data value(s), 4 submission(s)"), out);
        assertTrue(out.contains("multishot CQEs    8"), out);
        assertTrue(out.contains("terminating CQEs  4: 4 x res -105 ENOBUFS"), out);
        assertTrue(out.contains("batches           12, sizes: 12 x 1 CQE(s)"), out);
    }

    @Test
    void violationExitsOneWithFileAndLine() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(TRACES.resolve("recv-multishot-enobufs.ftrace.txt")));
        String copied = null;
        int terminal = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("io_uring_complete") && lines.get(i).contains("user_data 0x100")) {
                if (lines.get(i).contains("result -105")) {
                    terminal = i;
                } else if (copied == null) {
                    copied = lines.get(i);
                }
            }
        }
        lines.add(terminal + 1, copied);
        Path altered = dir.resolve("altered.txt");
        Files.write(altered, lines);

        int status = verifyTrace(altered.toString());

        assertEquals(1, status, out + err);
        assertTrue(out.contains(altered + ": 1 violation(s)"), out);
        assertTrue(out.contains("VIOLATION " + altered + ":" + (terminal + 2) + ": user_data=0x100: "), out);
    }

    @Test
    void missingFileExitsTwo() {
        int status = verifyTrace(dir.resolve("nope.txt").toString());

        assertEquals(2, status);
        assertTrue(err.contains("cannot read capture"), err);
        assertTrue(err.contains("no such file"), err);
    }

    @Test
    void malformedCaptureExitsTwo() throws IOException {
        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, "  task-1 [000] ..... 1.0: io_uring_complete: ring 1, req 0, user_data zz, result 0, cflags 0x0\n");

        int status = verifyTrace(bad.toString());

        assertEquals(2, status);
        assertTrue(err.contains(bad + ":1: malformed io_uring event line: field user_data has invalid value 'zz'"), err);
    }

    @Test
    void noFilesIsUsageError() {
        assertEquals(2, verifyTrace());
        assertTrue(err.contains("verify-trace needs at least one capture file"), err);
    }
}
