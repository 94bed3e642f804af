/**
 * The durable record of what the service decided: every plan (by channel and caller, with the rule set, the
 * request's hash, the rules that fired and, by policy, the request and plan themselves), every rule-set reload
 * and every CDS Hooks feedback, written off the request path to the embedded H2 file or to PostgreSQL. May use
 * plan, ruleset and conclusions.
 */
package org.ketaplan.audit;
