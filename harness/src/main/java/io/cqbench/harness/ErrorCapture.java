package io.cqbench.harness;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Passes JMH's console output through unchanged and keeps the first exception line it shows, such as
 * {@code io.cqbench.harness.OrderingViolation: ordering violation in ...}, so the summary can name why a
 * benchmark failed. JMH prints a forked benchmark's exception only as text. It also keeps the parameters
 * of the benchmark JMH announced last, so that a fork killed at the time limit can be named.
 */
final class ErrorCapture extends PrintStream {
    private static final Pattern EXCEPTION_LINE = Pattern.compile("^([\\w$]+\\.)+[\\w$]*(Exception|Error|Violation)(: .*)?$");
    private static final String PARAMETERS_LINE = "# Parameters: ";

    ErrorCapture(PrintStream target) {
        super(new LineSplitter(target), true, StandardCharsets.UTF_8);
    }

    /** Returns the first exception line seen, or the first error recorded, whichever came first; or {@code null}. */
    String firstError() {
        return ((LineSplitter) out).firstError;
    }

    /** Records an error found outside JMH's output, unless an earlier error was seen. */
    synchronized void recordError(String error) {
        LineSplitter splitter = (LineSplitter) out;
        if (splitter.firstError == null) {
            splitter.firstError = error;
        }
    }

    /**
     * Returns the parameters of the benchmark JMH announced last, as JMH prints them, such as
     * {@code (cancelEvery = 0, entries = 512, ...)}; or {@code null} before the first.
     */
    String currentParameters() {
        return ((LineSplitter) out).parameters;
    }

    private static final class LineSplitter extends OutputStream {
        private final PrintStream target;
        private final StringBuilder line = new StringBuilder();
        private volatile String firstError;
        private volatile String parameters;

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
            if (text.startsWith(PARAMETERS_LINE)) {
                parameters = text.substring(PARAMETERS_LINE.length());
            }
            line.setLength(0);
        }
    }
}
