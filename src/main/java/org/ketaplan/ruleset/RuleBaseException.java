package org.ketaplan.ruleset;

import java.util.List;
import java.util.stream.Collectors;

/** The rules directory could not be turned into a working rule set; the problems name file and line. */
public class RuleBaseException extends RuntimeException {

    private final transient List<RuleProblem> problems;

    public RuleBaseException(List<RuleProblem> problems) {
        super("Rules rejected (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "):\n  "
                + problems.stream().map(RuleProblem::toString).collect(Collectors.joining("\n  ")));
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
