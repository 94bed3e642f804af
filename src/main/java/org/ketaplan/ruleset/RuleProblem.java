package org.ketaplan.ruleset;

/** A problem found while compiling or verifying the rules: file under the rules directory, line (0 if none). */
public record RuleProblem(String file, int line, String message) {

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
