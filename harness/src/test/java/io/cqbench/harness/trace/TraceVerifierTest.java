package io.cqbench.harness.trace;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real captures must verify clean; altered copies must fail as the ordering rule states. */
class TraceVerifierTest {
    private static TraceVerifier verifyFile(String name) throws Exception {
        try (TraceReader reader = TraceReader.open(Captures.path(name))) {
            return TraceVerifier.verify(reader);
        }
    }

    private static TraceVerifier.RingReport onlyRing(TraceVerifier verifier) {
        assertEquals(1, verifier.rings().size(), "rings: " + verifier.rings().keySet());
        return verifier.rings().values().iterator().next();
    }

    @Test
    void enobufsCaptureIsClean() throws Exception {
        TraceVerifier.RingReport ring = onlyRing(verifyFile(Captures.ENOBUFS));

        assertEquals(0, ring.violationCount());
        assertEquals(12, ring.cqes());
        assertEquals(8, ring.multishotCqes());
        assertEquals(4, ring.requests());
        assertEquals(Map.of(-105, 4L), ring.terminatingByRes());
        assertEquals(0, ring.overflowedCqes());
        assertEquals("uring_anchor-13872", ring.task());
    }

    @Test
    void perfScriptCaptureReadsLikeFtrace() throws Exception {
        TraceVerifier.RingReport ring = onlyRing(verifyFile(Captures.ENOBUFS_PERF));

        assertEquals(0, ring.violationCount());
        assertEquals(12, ring.cqes());
        assertEquals(8, ring.multishotCqes());
        assertEquals(Map.of(-105, 4L), ring.terminatingByRes());
        assertEquals("0xffff88810af58000", ring.ring);
    }

    @Test
    void peerCloseCaptureSeparatesThreeRings() throws Exception {
        TraceVerifier verifier = verifyFile(Captures.PEER_CLOSE);

        assertEquals(3, verifier.rings().size());
        assertEquals(0, verifier.violationCount());
        long cqes = 0;
        for (TraceVerifier.RingReport ring : verifier.rings().values()) {
            cqes += ring.cqes();
            assertEquals(Map.of(0, 1L), ring.terminatingByRes(), "each ring's recv ends with res 0: " + ring.ring);
        }
        assertEquals(16, cqes);
        TraceVerifier.RingReport deferred = verifier.rings().get("00000000d3a55356");
        assertEquals(9, deferred.cqes());
        assertEquals(Map.of(9L, 1L), deferred.batchSizes(), "one local task-work run posted all 9 CQEs");
    }

    @Test
    void pollCaptureHasBatchesOf128() throws Exception {
        TraceVerifier.RingReport ring = onlyRing(verifyFile(Captures.POLL));

        assertEquals(0, ring.violationCount());
        assertEquals(10112, ring.cqes());
        assertEquals(128, ring.requests());
        assertEquals(10112 / 128, ring.batches());
        assertEquals(Map.of(128L, 79L), ring.batchSizes());
    }

    @Test
    void terminalMovedBeforeMultishotFails() throws Exception {
        List<String> lines = Captures.lines(Captures.PEER_CLOSE);
        int terminal = Captures.find(lines, "user_data 0x301, result 0, cflags 0x0");
        int lastMultishot = Captures.find(lines, "user_data 0x301, result 52, cflags 0x70003");
        Collections.swap(lines, terminal, lastMultishot);

        TraceVerifier verifier = Captures.verify("moved-terminal.txt", lines);

        assertEquals(1, verifier.violationCount());
        TraceVerifier.Violation violation = verifier.rings().get("00000000d3a55356").violations().get(0);
        assertEquals(0x301, violation.userData);
        assertEquals(terminal + 1, violation.line, "reported at the multishot CQE that now follows the terminal");
        assertTrue(violation.toString().startsWith("moved-terminal.txt:" + (terminal + 1) + ": user_data=0x301: "),
            violation.toString());
        assertTrue(violation.message.contains("follows this request's terminating CQE (line " + (lastMultishot + 1) + ")"),
            violation.message);
        assertTrue(violation.message.contains("expected no CQE for this user_data until it is re-armed"), violation.message);
    }

    @Test
    void cqeCopiedAfterTerminalFails() throws Exception {
        List<String> lines = Captures.lines(Captures.ENOBUFS);
        int multishot = Captures.find(lines, "io_uring_complete", "user_data 0x102", "cflags 0x20003");
        int terminal = Captures.find(lines, "io_uring_complete", "user_data 0x102", "result -105");
        lines.add(terminal + 1, lines.get(multishot));

        TraceVerifier verifier = Captures.verify("copied.txt", lines);

        assertEquals(1, verifier.violationCount());
        assertEquals(0x102, onlyRing(verifier).violations().get(0).userData);
    }

    @Test
    void cqeAfterTerminalIsCleanOnceRearmed() throws Exception {
        List<String> lines = Captures.lines(Captures.ENOBUFS);
        int multishot = Captures.find(lines, "io_uring_complete", "user_data 0x102", "cflags 0x20003");
        int terminal = Captures.find(lines, "io_uring_complete", "user_data 0x102", "result -105");
        int submit = Captures.find(lines, "io_uring_submit_req", "user_data 0x102");
        lines.add(terminal + 1, lines.get(multishot));
        lines.add(terminal + 1, lines.get(submit));

        TraceVerifier verifier = Captures.verify("rearmed.txt", lines);

        assertEquals(0, verifier.violationCount());
        assertEquals(5, onlyRing(verifier).submissions());
    }

    @Test
    void overflowOrderIsCheckedLikeRingOrder() throws Exception {
        List<String> lines = Captures.lines(Captures.PEER_CLOSE);
        int first = Captures.find(lines, "user_data 0x301, result 64, cflags 0x60007");
        int terminal = Captures.find(lines, "user_data 0x301, result 0, cflags 0x0");
        for (int i = first; i <= terminal; i++) {
            lines.set(i, Captures.asOverflow(lines.get(i)));
        }

        TraceVerifier clean = Captures.verify("overflowed.txt", lines);
        assertEquals(0, clean.violationCount());
        assertEquals(3, clean.rings().get("00000000d3a55356").overflowedCqes());

        Collections.swap(lines, first, terminal);
        TraceVerifier reordered = Captures.verify("overflow-reordered.txt", lines);
        assertEquals(2, reordered.violationCount(), "both multishot CQEs now follow the terminating one");
        assertEquals(first + 2, reordered.rings().get("00000000d3a55356").violations().get(0).line);
    }

    @Test
    void lostEventsReportGapInsteadOfViolation() throws Exception {
        List<String> lines = Captures.lines(Captures.ENOBUFS);
        int multishot = Captures.find(lines, "io_uring_complete", "user_data 0x102", "cflags 0x20003");
        int terminal = Captures.find(lines, "io_uring_complete", "user_data 0x102", "result -105");
        lines.add(terminal + 1, lines.get(multishot));
        lines.add(terminal + 1, "CPU:1 [LOST 7 EVENTS]");

        try (TraceReader reader = Captures.reader("lossy.txt", lines)) {
            TraceVerifier verifier = TraceVerifier.verify(reader);

            assertEquals(0, verifier.violationCount(), "the re-arm may be among the lost events");
            assertEquals(List.of((long) terminal + 2), verifier.gaps());
            assertTrue(reader.incomplete());
            assertEquals(7, reader.lostEvents());
        }
    }

    @Test
    void overwrittenBufferMarksIncomplete() throws Exception {
        List<String> lines = Captures.lines(Captures.ENOBUFS);
        int header = Captures.find(lines, "entries-in-buffer/entries-written");
        lines.set(header, "# entries-in-buffer/entries-written: 32/40   #P:2");

        try (TraceReader reader = Captures.reader("overwritten.txt", lines)) {
            TraceVerifier.verify(reader);

            assertTrue(reader.incomplete());
            assertEquals(8, reader.overwrittenEvents());
        }
    }

    @Test
    void emptyCaptureIsInvalid() {
        TraceFormatException error = assertThrows(TraceFormatException.class,
            () -> Captures.verify("empty.txt", List.of("# tracer: nop", "#")));

        assertTrue(error.getMessage().contains("empty.txt: the capture is empty"), error.getMessage());
    }

    @Test
    void captureWithoutCqeIsInvalid() throws Exception {
        List<String> lines = Captures.lines(Captures.ENOBUFS);
        lines.removeIf(line -> line.contains("io_uring_complete"));

        TraceFormatException error = assertThrows(TraceFormatException.class, () -> Captures.verify("no-cqe.txt", lines));

        assertTrue(error.getMessage().contains("no CQE"), error.getMessage());
    }

    @Test
    void noLostEventsInRealCaptures() throws Exception {
        for (String name : List.of(Captures.ENOBUFS, Captures.ENOBUFS_PERF, Captures.PEER_CLOSE, Captures.POLL)) {
            try (TraceReader reader = TraceReader.open(Captures.path(name))) {
                TraceVerifier.verify(reader);
                assertFalse(reader.incomplete(), name);
            }
        }
    }
}
