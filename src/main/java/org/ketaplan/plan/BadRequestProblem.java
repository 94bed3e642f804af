package org.ketaplan.plan;

import java.util.List;

/** A request that cannot be turned into facts; carries every violation found, not just the first. */
public class BadRequestProblem extends RuntimeException {

    private final transient List<Violation> violations;

    public BadRequestProblem(String detail, List<Violation> violations) {
        super(detail, null, false, false);
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
