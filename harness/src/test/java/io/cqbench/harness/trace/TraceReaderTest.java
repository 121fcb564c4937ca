package io.cqbench.harness.trace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Line formats, compression detection and malformed input. */
class TraceReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsFtraceCompleteLine() throws Exception {
        String line = "    uring_anchor-13872   [001] ...1.  1493.961669: io_uring_complete: ring 0000000020dd044e, "
            + "req 0000000000000000, user_data 0x101, result 16, cflags 0x10003 extra1 0 extra2 0 ";

        try (TraceReader reader = Captures.reader("one.txt", List.of(line))) {
            TraceEvent event = reader.next();

            assertEquals(TraceEvent.Kind.COMPLETE, event.kind());
            assertEquals("uring_anchor", event.task());
            assertEquals("13872", event.pid());
            assertEquals("0000000020dd044e", event.ring());
            assertEquals(0x101, event.userData());
            assertEquals(16, event.res());
            assertEquals(0x10003, event.flags());
            assertEquals(1, event.line());
            assertNull(reader.next());
        }
    }

    @Test
    void readsPerfScriptOverflowLine() throws Exception {
        String line = "    uring_anchor 17187 [001]  2795.192600:       io_uring:io_uring_cqe_overflow: ring 0xffff88810af58000, "
            + "user_data 0xffffffffffffffff, res -105, cflags 0x0, overflow_cqe 0xffff888104ae5c00";

        try (TraceReader reader = Captures.reader("perf.txt", List.of(line))) {
            TraceEvent event = reader.next();

            assertEquals(TraceEvent.Kind.CQE_OVERFLOW, event.kind());
            assertEquals("17187", event.pid());
            assertEquals(-1L, event.userData(), "user_data is a full unsigned 64-bit value");
            assertEquals(-105, event.res());
        }
    }

    @Test
    void detectsGzipFromContentNotName() throws Exception {
        byte[] plain = String.join("\n", Captures.lines(Captures.ENOBUFS)).getBytes(StandardCharsets.UTF_8);
        Path gzipNamedTxt = dir.resolve("capture.txt");
        Files.write(gzipNamedTxt, Captures.gzip(plain));
        Path plainNamedGz = dir.resolve("capture.gz");
        Files.write(plainNamedGz, plain);

        for (Path file : List.of(gzipNamedTxt, plainNamedGz)) {
            try (TraceReader reader = TraceReader.open(file)) {
                assertEquals(12, TraceVerifier.verify(reader).rings().values().iterator().next().cqes(), file.toString());
            }
        }
    }

    @Test
    void skipsAndCountsOtherEvents() throws Exception {
        try (TraceReader reader = TraceReader.open(Captures.path(Captures.ENOBUFS_PERF))) {
            int events = 0;
            while (reader.next() != null) {
                events++;
            }

            assertEquals(48, events + reader.skippedLines(), "every line is either read or counted as skipped");
            assertTrue(reader.skippedLines() > 0, "io_uring_create, io_uring_register and others are skipped");
        }
    }

    @Test
    void malformedFieldNamesFileLineAndField() throws Exception {
        List<String> lines = Captures.lines(Captures.ENOBUFS);
        int at = Captures.find(lines, "io_uring_complete", "user_data 0x101");
        lines.set(at, lines.get(at).replace("result 16", "result sixteen"));

        TraceFormatException error = assertThrows(TraceFormatException.class, () -> Captures.verify("bad.txt", lines));

        assertTrue(error.getMessage().startsWith("bad.txt:" + (at + 1) + ": malformed io_uring event line: field result"
            + " has invalid value 'sixteen'"), error.getMessage());
    }

    @Test
    void missingFieldIsNamed() throws Exception {
        List<String> lines = Captures.lines(Captures.ENOBUFS);
        int at = Captures.find(lines, "io_uring_complete", "user_data 0x101");
        lines.set(at, lines.get(at).replace("user_data 0x101, ", ""));

        TraceFormatException error = assertThrows(TraceFormatException.class, () -> Captures.verify("bad.txt", lines));

        assertTrue(error.getMessage().contains("field user_data is missing"), error.getMessage());
    }

    @Test
    void truncatedIoUringLineIsMalformed() throws Exception {
        List<String> lines = Captures.lines(Captures.ENOBUFS);
        int at = Captures.find(lines, "io_uring_complete", "user_data 0x101");
        lines.set(at, lines.get(at).substring(0, 40) + " io_uring_comp");

        TraceFormatException error = assertThrows(TraceFormatException.class, () -> Captures.verify("cut.txt", lines));

        assertTrue(error.getMessage().startsWith("cut.txt:" + (at + 1) + ": malformed io_uring event line"), error.getMessage());
    }
}
