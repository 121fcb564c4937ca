package io.cqbench.harness;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Passes JMH's console output through unchanged and keeps the first exception line it shows, such as
 * {@code io.cqbench.harness.OrderingViolation: ordering violation in ...}, so the summary can name why a
 * benchmark failed. JMH prints a forked benchmark's exception only as text.
 */
final class ErrorCapture extends PrintStream {
    private static final Pattern EXCEPTION_LINE = Pattern.compile("^([\\w$]+\\.)+[\\w$]*(Exception|Error|Violation)(: .*)?$");

    ErrorCapture(PrintStream target) {
        super(new LineSplitter(target), true, StandardCharsets.UTF_8);
    }

    /** Returns the first exception line seen, or {@code null}. */
    String firstError() {
        return ((LineSplitter) out).firstError;
    }

    private static final class LineSplitter extends OutputStream {
        private final PrintStream target;
        private final StringBuilder line = new StringBuilder();
        private String firstError;

        LineSplitter(PrintStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            target.write(b);
            if (b == '\n') {
                inspect();
            } else if (line.length() < 4096) {
                line.append((char) (b & 0xFF));
            }
        }

        @Override
        public void flush() {
            target.flush();
        }

        private void inspect() {
            String text = new String(line.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8).trim();
            if (firstError == null && EXCEPTION_LINE.matcher(text).matches()) {
                firstError = text;
            }
            line.setLength(0);
        }
    }
}
