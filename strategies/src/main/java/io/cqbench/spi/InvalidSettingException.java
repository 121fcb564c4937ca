package io.cqbench.spi;

/** A strategy setting or ring parameter with a value the strategy cannot run with. */
public final class InvalidSettingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidSettingException(String message) {
        super(message);
    }
}
