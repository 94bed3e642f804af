package org.ketaplan.ruleset;

/** What a reload did: the rule set now active, and the rejection if the candidate was refused. */
public record ReloadOutcome(boolean accepted, String activeVersion, Rejection rejection) {
}
