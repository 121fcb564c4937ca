package io.cqbench.harness;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and formats command-line durations: a whole number with a unit, {@code 500ms}, {@code 30s}, {@code 10m} or {@code 2h}. */
final class DurationOption {
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    private DurationOption() {
    }

    /**
     * Returns the duration, or throws {@link UsageException} naming {@code option}, the value, the format
     * and the range {@code [min, max]}.
     */
    static Duration parse(String option, String value, Duration min, Duration max) {
        String expected = ": expected a whole number with the unit ms, s, m or h, from " + format(min) + " to "
            + format(max) + ", such as 90s, 10m or 2h";
        Matcher matcher = FORMAT.matcher(value.trim());
        if (!matcher.matches()) {
            throw new UsageException("invalid " + option + " " + value + expected);
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration duration;
        switch (matcher.group(2)) {
            case "ms":
                duration = Duration.ofMillis(amount);
                break;
            case "s":
                duration = Duration.ofSeconds(amount);
                break;
            case "m":
                duration = Duration.ofMinutes(amount);
                break;
            default:
                duration = Duration.ofHours(amount);
                break;
        }
        if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
            throw new UsageException("invalid " + option + " " + value + expected);
        }
        return duration;
    }

    /** Formats a duration the way {@link #parse} reads it, in the largest unit that keeps it whole. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 3_600_000 == 0 && millis > 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0 && millis > 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }
}
