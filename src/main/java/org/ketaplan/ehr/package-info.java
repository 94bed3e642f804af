/**
 * The EHR path: FHIR R4 in and out ({@code ehr.fhir}) and CDS Hooks 2.0 ({@code ehr.cdshooks}, which builds on
 * the FHIR mapping, never the other way round), plus what the site can give ({@link org.ketaplan.ehr.SiteConfig}).
 * May use plan, engine, ruleset, facts and conclusions.
 */
package org.ketaplan.ehr;
