/**
 * The public HTTP face for clinicians: the plan endpoint, the rule set's identity, problem+json for every error,
 * request basics (media types, security headers) and the log's safety filter; and the operations served on the
 * management port (rule listing, traceability, reloads, the audit trail). May use audit, plan, engine, ruleset,
 * facts and conclusions.
 */
package org.ketaplan.web;
