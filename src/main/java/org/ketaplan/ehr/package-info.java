/**
 * The EHR path: FHIR R4 in and out ({@code ehr.fhir}) and CDS Hooks 2.0 ({@code ehr.cdshooks}, which builds on
 * the FHIR mapping, never the other way round); what the site can give is the plan's ({@link org.ketaplan.plan.SiteConfig}).
 * May use audit, plan, engine, ruleset, facts and conclusions.
 */
package org.ketaplan.ehr;
