/**
 * From a request to a plan: the request contract and its strict reading (bounded, no coercion, every violation
 * named), the mapping to facts, the engine run, and the assembly of the TreatmentPlan (most restrictive
 * eligibility and most urgent triage win; a series is dated only when eligible and routine). Strict reading lives
 * here rather than in web because authoring reads scenario requests exactly as the API does. May use engine,
 * ruleset, facts and conclusions.
 */
package org.ketaplan.plan;
