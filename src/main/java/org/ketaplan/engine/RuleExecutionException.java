package org.ketaplan.engine;

/**
 * A rule misbehaved while a plan was computed (it kept firing, or its action threw). This is a fault of
 * the rule base, never of the request, so it is reported as a server error naming the rule.
 */
public class RuleExecutionException extends RuntimeException {

    private final String ruleName;

    public RuleExecutionException(String message, String ruleName, Throwable cause) {
        super(message, cause);
        this.ruleName = ruleName;
    }

    public String ruleName() {
        return ruleName;
    }
}
