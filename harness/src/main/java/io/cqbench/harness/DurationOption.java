package io.cqbench.harness;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses a command-line duration: a whole number with a unit, {@code 500ms}, {@code 30s}, {@code 10m} or {@code 2h}. */
final class DurationOption {
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    private DurationOption() {
    }

    /** Returns the duration, or throws {@link UsageException} naming {@code option}, the value and the format. */
    static Duration parse(String option, String value, Duration min, Duration max) {
        Matcher matcher = FORMAT.matcher(value.trim());
        if (!matcher.matches()) {
            throw new UsageException("invalid " + option + " " + value + ": use a whole number and a unit, ms, s, m or h,"
                + " for example 30s or 10m");
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
            throw new UsageException("invalid " + option + " " + value + ": use " + format(min) + " to " + format(max));
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
