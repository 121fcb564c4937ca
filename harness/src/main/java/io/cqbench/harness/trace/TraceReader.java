package io.cqbench.harness.trace;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Streams the io_uring events of one capture, in file order, one line at a time: memory does not grow
 * with the capture's size. Reads both text forms of a capture:
 * <ul>
 * <li>tracefs/ftrace {@code trace}: {@code TASK-PID [CPU] FLAGS TIMESTAMP: io_uring_complete: FIELDS};</li>
 * <li>{@code perf script}: {@code COMM PID [CPU] TIMESTAMP: io_uring:io_uring_complete: FIELDS}.</li>
 * </ul>
 * Either may be gzip-compressed, which is detected from the first two bytes, not the file name.
 *
 * <p>Lines of other events, other tracers and headers are skipped and counted. Lost events, reported by
 * ftrace as {@code [LOST N EVENTS]} lines or by its header when entries-written exceeds
 * entries-in-buffer, mark the capture incomplete; {@link #next()} reports a mid-capture loss as a gap.
 */
public final class TraceReader implements Closeable {
    // "... [001] ...1.  1493.961659: io_uring_complete: ring ..." (ftrace; the flags column is optional)
    // "... [001]  1493.961659: io_uring:io_uring_complete: ring ..." (perf script)
    private static final Pattern EVENT_LINE = Pattern.compile(
        "^(?<head>.*?)\\[(?<cpu>\\d{1,6})]\\s+(?:(?<flags>[^\\s:]+)\\s+)?(?<ts>\\d+\\.\\d+):\\s+(?<event>[\\w:]+):\\s?(?<fields>.*)$");
    private static final Pattern FTRACE_HEAD = Pattern.compile("^\\s*(?<task>.*)-(?<pid>\\d+)\\s*(?:\\(\\s*[\\d-]+\\))?\\s*$");
    private static final Pattern PERF_HEAD = Pattern.compile("^\\s*(?<task>.*?)\\s+(?<pid>\\d+(?:/\\d+)?)\\s*$");
    private static final Pattern LOST = Pattern.compile("(?i)\\bLOST\\s+(\\d+)\\s+EVENTS\\b");
    private static final Pattern ENTRIES = Pattern.compile("^#\\s*entries-in-buffer/entries-written:\\s*(\\d+)/(\\d+)");

    private final String name;
    private final BufferedReader reader;
    private final TraceEvent event = new TraceEvent();
    private long lineNumber;
    private long skippedLines;
    private long lostEvents;
    private long overwrittenEvents;
    private long gapLine;

    private TraceReader(String name, InputStream input) throws IOException {
        this.name = name;
        BufferedInputStream buffered = new BufferedInputStream(input, 1 << 16);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        InputStream text = first == 0x1f && second == 0x8b ? new GZIPInputStream(buffered, 1 << 16) : buffered;
        this.reader = new BufferedReader(new InputStreamReader(text, StandardCharsets.UTF_8), 1 << 16);
    }

    /** Opens a capture file, plain or gzip-compressed. */
    public static TraceReader open(Path file) throws IOException {
        return new TraceReader(file.toString(), Files.newInputStream(file));
    }

    /** Reads a capture from {@code input}, named {@code name} in messages; closes it on {@link #close()}. */
    public static TraceReader open(String name, InputStream input) throws IOException {
        return new TraceReader(name, input);
    }

    /** Returns the capture's name as used in messages. */
    public String name() {
        return name;
    }

    /**
     * Returns the next event cqbench uses, or {@code null} at the end of the capture. The returned object
     * is reused by the next call. Throws {@link TraceFormatException} naming the file, line and field
     * of a malformed io_uring event line.
     */
    public TraceEvent next() throws IOException, TraceFormatException {
        String text;
        while ((text = reader.readLine()) != null) {
            lineNumber++;
            if (text.startsWith("#")) {
                readHeader(text);
                continue;
            }
            Matcher lost = LOST.matcher(text);
            if (lost.find()) {
                lostEvents += Long.parseLong(lost.group(1));
                gapLine = lineNumber;
                continue;
            }
            Matcher line = EVENT_LINE.matcher(text);
            if (!line.matches()) {
                if (text.contains("io_uring_")) {
                    throw error("not an ftrace or perf script event line", text);
                }
                skippedLines++;
                continue;
            }
            String eventName = line.group("event");
            if (eventName.startsWith("io_uring:")) {
                eventName = eventName.substring("io_uring:".length());
            }
            TraceEvent.Kind kind = kindOf(eventName);
            if (kind == null) {
                skippedLines++;
                continue;
            }
            parse(kind, line, text);
            return event;
        }
        return null;
    }

    /** Returns how many lines were skipped: other events, other tracers' lines, blank lines. */
    public long skippedLines() {
        return skippedLines;
    }

    /** Returns how many events the tracer reported lost, including overwritten ones. */
    public long lostEvents() {
        return lostEvents + overwrittenEvents;
    }

    /** Returns whether the tracer lost events, so the capture does not show every CQE. */
    public boolean incomplete() {
        return lostEvents() > 0;
    }

    /**
     * Returns the line of the latest {@code [LOST N EVENTS]} marker and clears it, or 0 when none was
     * read since the last call. Events before and after such a line are not contiguous.
     */
    public long takeGap() {
        long line = gapLine;
        gapLine = 0;
        return line;
    }

    /**
     * Returns how many of the oldest events the ftrace ring buffer overwrote before the capture was
     * read (entries-written minus entries-in-buffer in its header).
     */
    public long overwrittenEvents() {
        return overwrittenEvents;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    private void readHeader(String text) {
        Matcher entries = ENTRIES.matcher(text);
        if (entries.find()) {
            long inBuffer = Long.parseLong(entries.group(1));
            long written = Long.parseLong(entries.group(2));
            overwrittenEvents = Math.max(0, written - inBuffer);
        }
    }

    private static TraceEvent.Kind kindOf(String eventName) {
        switch (eventName) {
            case "io_uring_complete":
                return TraceEvent.Kind.COMPLETE;
            case "io_uring_cqe_overflow":
                return TraceEvent.Kind.CQE_OVERFLOW;
            case "io_uring_local_work_run":
                return TraceEvent.Kind.LOCAL_WORK_RUN;
            case "io_uring_task_work_run":
                return TraceEvent.Kind.TASK_WORK_RUN;
            case "io_uring_submit_req":
                return TraceEvent.Kind.SUBMIT_REQ;
            default:
                return null;
        }
    }

    private void parse(TraceEvent.Kind kind, Matcher line, String text) throws TraceFormatException {
        event.kind = kind;
        event.line = lineNumber;
        String head = line.group("head");
        Matcher task = line.group("flags") == null ? PERF_HEAD.matcher(head) : FTRACE_HEAD.matcher(head);
        if (!task.matches() && !(task = PERF_HEAD.matcher(head)).matches() && !(task = FTRACE_HEAD.matcher(head)).matches()) {
            throw error("task and pid: cannot read '" + head.trim() + "'", text);
        }
        event.task = task.group("task").trim();
        event.pid = task.group("pid");
        Fields fields = new Fields(line.group("fields"));
        event.ring = null;
        event.taskContext = null;
        event.userData = 0;
        event.res = 0;
        event.flags = 0;
        switch (kind) {
            case COMPLETE:
                event.ring = fields.pointer("ring", text);
                event.userData = fields.unsignedLong("user_data", text);
                event.res = fields.signedInt("result", text);
                event.flags = fields.unsignedInt("cflags", text);
                break;
            case CQE_OVERFLOW:
                event.ring = fields.pointer("ring", text);
                event.userData = fields.unsignedLong("user_data", text);
                event.res = fields.signedInt("res", text);
                event.flags = fields.unsignedInt("cflags", text);
                break;
            case LOCAL_WORK_RUN:
            case SUBMIT_REQ:
                event.ring = fields.pointer("ring", text);
                if (kind == TraceEvent.Kind.SUBMIT_REQ) {
                    event.userData = fields.unsignedLong("user_data", text);
                }
                break;
            case TASK_WORK_RUN:
                event.taskContext = fields.pointer("tctx", text);
                break;
            default:
                throw new IllegalStateException("unhandled event kind " + kind);
        }
    }

    private TraceFormatException error(String what, String text) {
        String shown = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        return new TraceFormatException(name + ":" + lineNumber + ": malformed io_uring event line: " + what
            + "\n  " + shown.trim());
    }

    /** The {@code key value, key value ...} list after the event name, looked up by key. */
    private final class Fields {
        private final String[] tokens;

        Fields(String text) {
            this.tokens = text.trim().split("[,\\s]+");
        }

        private String value(String key, String text) throws TraceFormatException {
            for (int i = 0; i + 1 < tokens.length; i++) {
                if (tokens[i].equals(key)) {
                    return tokens[i + 1];
                }
            }
            throw error("field " + key + " is missing", text);
        }

        String pointer(String key, String text) throws TraceFormatException {
            return value(key, text);
        }

        long unsignedLong(String key, String text) throws TraceFormatException {
            String value = value(key, text);
            try {
                return value.startsWith("0x") ? Long.parseUnsignedLong(value.substring(2), 16) : Long.parseUnsignedLong(value);
            } catch (NumberFormatException e) {
                throw error("field " + key + " has invalid value '" + value + "', expected a 64-bit unsigned integer", text);
            }
        }

        int unsignedInt(String key, String text) throws TraceFormatException {
            String value = value(key, text);
            try {
                return value.startsWith("0x") ? Integer.parseUnsignedInt(value.substring(2), 16) : Integer.parseUnsignedInt(value);
            } catch (NumberFormatException e) {
                throw error("field " + key + " has invalid value '" + value + "', expected a 32-bit unsigned integer", text);
            }
        }

        int signedInt(String key, String text) throws TraceFormatException {
            String value = value(key, text);
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw error("field " + key + " has invalid value '" + value + "', expected a 32-bit signed integer", text);
            }
        }
    }
}
