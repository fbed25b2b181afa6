package dev.chatmodels.error;

/**
 * The model was not called because its circuit breaker is open: its recent calls failed too often. It is called again
 * once the breaker's delay has passed; a fallback model, if any, answers meanwhile.
 */
public class CircuitOpenException extends ChatModelException {

    public CircuitOpenException(String message, Throwable cause) {
        super(message, cause);
    }
}
