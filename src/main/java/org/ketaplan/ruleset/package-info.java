/**
 * Reading {@code rules/}: the DRL files, the parameter and terminology tables (with their validation), the
 * compilation into an immutable RuleBase with its version, the active rule set and its replacement on reload
 * (the file watcher, coalesced reloads), behind a mandatory gate ({@link org.ketaplan.ruleset.CandidateCheck},
 * implemented by authoring). May use facts and conclusions.
 */
package org.ketaplan.ruleset;
