package io.cqbench.spi;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One setting a strategy accepts, such as {@code slots} of {@code deferred-array}: its name, default,
 * meaning and valid values. The harness validates every value with {@link #validate} before any
 * benchmark starts.
 */
public final class Setting {
    private final String name;
    private final String defaultValue;
    private final String description;
    private final List<String> choices;
    private final long min;
    private final long max;
    private final boolean powerOfTwo;
    private final boolean text;

    private Setting(String name, String defaultValue, String description, List<String> choices, long min, long max,
                    boolean powerOfTwo) {
        this(name, defaultValue, description, choices, min, max, powerOfTwo, false);
    }

    private Setting(String name, String defaultValue, String description, List<String> choices, long min, long max,
                    boolean powerOfTwo, boolean text) {
        this.name = Objects.requireNonNull(name, "name");
        this.defaultValue = Objects.requireNonNull(defaultValue, "defaultValue");
        this.description = Objects.requireNonNull(description, "description");
        this.choices = choices;
        this.min = min;
        this.max = max;
        this.powerOfTwo = powerOfTwo;
        this.text = text;
        String problem = validate(defaultValue);
        if (problem != null) {
            throw new IllegalArgumentException("default of setting " + name + " is invalid: " + problem);
        }
    }

    /** Creates an integer setting valid in {@code [min, max]}. */
    public static Setting ofInt(String name, int defaultValue, int min, int max, String description) {
        return new Setting(name, Integer.toString(defaultValue), description, null, min, max, false);
    }

    /** Creates an integer setting that must be a power of two in {@code [min, max]}, such as a ring size. */
    public static Setting ofPowerOfTwo(String name, int defaultValue, int min, int max, String description) {
        return new Setting(name, Integer.toString(defaultValue), description, null, min, max, true);
    }

    /** Creates a free-text setting, such as a file path; any value is valid here. */
    public static Setting ofText(String name, String defaultValue, String description) {
        return new Setting(name, defaultValue, description, null, 0, 0, false, true);
    }

    /** Creates a setting whose value is one of {@code choices}; the first is the default. */
    public static Setting ofChoice(String name, String description, String... choices) {
        return new Setting(name, choices[0], description, List.of(choices), 0, 0, false);
    }

    public String name() {
        return name;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** Returns the valid values in words, for help text and error messages. */
    public String validValues() {
        if (choices != null) {
            return String.join(", ", choices);
        }
        if (text) {
            return "text";
        }
        return (powerOfTwo ? "a power of two from " : "an integer from ") + min + " to " + max;
    }

    /** Returns {@code null} when {@code value} is valid, else a message naming the value and the valid range. */
    public String validate(String value) {
        if (text) {
            return null;
        }
        if (choices != null) {
            return choices.contains(value.toLowerCase(Locale.ROOT)) ? null
                : "invalid " + name + "=" + value + ": expected one of " + validValues();
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return "invalid " + name + "=" + value + ": not an integer; expected " + validValues();
        }
        boolean valid = parsed >= min && parsed <= max && (!powerOfTwo || Long.bitCount(parsed) == 1);
        return valid ? null
            : "invalid " + name + "=" + value + ": expected " + validValues();
    }

    @Override
    public String toString() {
        return name + " (default " + defaultValue + "; " + validValues() + "): " + description;
    }
}
