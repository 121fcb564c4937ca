package io.cqbench.harness.conform;

/**
 * A strategy broke a property of the conformance kit. The message is one line that names the symptom,
 * for example which CQE overtook which, so an author can find the mistake without a debugger.
 */
public final class ConformanceFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConformanceFailure(String message) {
        super(message);
    }

    public ConformanceFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
