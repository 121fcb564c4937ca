package io.cqbench.workloads;

import io.cqbench.harness.trace.CqeStream;
import io.cqbench.harness.trace.TraceFormatException;
import io.cqbench.harness.trace.TraceReader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The capture a {@code trace-replay} benchmark reads, named by its {@code trace} parameter: a file path,
 * or {@code bundled:NAME} for a capture shipped in the jar. The harness appends {@code #sha256=HEX}
 * before the run, so the published parameter names the exact input and each fork checks it read the
 * same bytes.
 */
final class TraceSource {
    static final String BUNDLED_PREFIX = "bundled:";
    static final String DEFAULT = BUNDLED_PREFIX + "poll-multishot-128-eventfd.ftrace.txt.gz";
    private static final String HASH_MARK = "#sha256=";

    final String location;
    final String expectedSha256;
    final byte[] bytes;
    final String sha256;

    private TraceSource(String location, String expectedSha256, byte[] bytes) {
        this.location = location;
        this.expectedSha256 = expectedSha256;
        this.bytes = bytes;
        this.sha256 = sha256(bytes);
    }

    /** Reads the capture a {@code trace} parameter value names. */
    static TraceSource read(String value) throws IOException {
        int mark = value.indexOf(HASH_MARK);
        String location = mark < 0 ? value : value.substring(0, mark);
        if (!location.startsWith(BUNDLED_PREFIX)) {
            // Absolute, so the published parameter names the file whatever directory the run started in.
            location = Path.of(location).toAbsolutePath().normalize().toString();
        }
        String expected = mark < 0 ? null : value.substring(mark + HASH_MARK.length());
        return new TraceSource(location, expected, load(location));
    }

    private static byte[] load(String location) throws IOException {
        if (location.startsWith(BUNDLED_PREFIX)) {
            String resource = "/traces/" + location.substring(BUNDLED_PREFIX.length());
            try (InputStream input = TraceSource.class.getResourceAsStream(resource)) {
                if (input == null) {
                    throw new IOException("no bundled capture of that name");
                }
                return input.readAllBytes();
            }
        }
        Path path = Path.of(location);
        if (Files.isDirectory(path)) {
            throw new IOException("it is a directory");
        }
        return Files.readAllBytes(path);
    }

    /** Describes a read failure in words, without Java exception class names. */
    static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage();
    }

    /** Returns the parameter value with this capture's SHA-256 appended. */
    String pinned() {
        return location + HASH_MARK + sha256;
    }

    /** Returns the file name without directories, for messages. */
    String fileName() {
        String name = location.startsWith(BUNDLED_PREFIX) ? location.substring(BUNDLED_PREFIX.length()) : location;
        return Path.of(name).getFileName().toString();
    }

    /** Parses the capture and returns its largest ring's stream. Checks the pinned SHA-256 first, when there is one. */
    CqeStream stream() throws IOException, TraceFormatException {
        if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(sha256)) {
            throw new TraceFormatException(location + " has SHA-256 " + sha256 + ", but the parameter pins "
                + expectedSha256 + ": the capture changed since the run was planned, or the hash is mistyped");
        }
        if (bytes.length == 0) {
            throw new TraceFormatException(location + ": the file is empty");
        }
        try (TraceReader reader = TraceReader.open(location, new ByteArrayInputStream(bytes))) {
            CqeStream stream = CqeStream.loadLargestRing(reader);
            if (reader.incomplete()) {
                System.err.println("cqbench: warning: " + fileName() + " is incomplete: the tracer lost "
                    + reader.lostEvents() + " event(s); the replay uses the CQEs it has");
            }
            return stream;
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new TraceFormatException(location + ": corrupt or truncated gzip data (" + e.getMessage() + ")");
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
