/**
 * What a clinical lead works with besides the rules themselves: the scenarios of {@code rules/scenarios/} and
 * the gate that runs them before any rule set may serve, the check command with its mutation test of the gate,
 * and traceability. May use plan, ruleset, facts and conclusions.
 */
package org.ketaplan.authoring;
