package org.ketaplan.ruleset;

/**
 * A reload was judged (a CDI event): what asked for it (a route, the file watcher), who (a signed-in user, or the
 * trigger itself when nobody asked) and what came of it, for the audit record.
 */
public record RuleSetReloaded(String trigger, String caller, ReloadOutcome outcome) {
}
