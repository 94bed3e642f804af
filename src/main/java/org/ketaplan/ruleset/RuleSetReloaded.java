package org.ketaplan.ruleset;

/** A reload was judged (a CDI event): what asked for it and what came of it, for the audit record. */
public record RuleSetReloaded(String trigger, ReloadOutcome outcome) {
}
