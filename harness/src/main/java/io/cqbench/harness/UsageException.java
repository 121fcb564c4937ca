package io.cqbench.harness;

/** Invalid command-line input: the message names the value and the valid choices. Exit status 2. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
