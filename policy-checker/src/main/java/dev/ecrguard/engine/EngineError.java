package dev.ecrguard.engine;

/** The policy evaluation failed or answered something unexpected; the check fails closed. */
public final class EngineError extends RuntimeException {
    public EngineError(String message) {
        super(message, null, false, false);
    }
}
