/**
 * One rule-engine run per plan: a pooled session of the active rule set, the facts in, every conclusion out with
 * the rule that produced it, and a bound on firings. May use ruleset, facts and conclusions.
 */
package org.ketaplan.engine;
