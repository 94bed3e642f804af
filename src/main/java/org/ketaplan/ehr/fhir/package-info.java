/**
 * FHIR R4: a patient's resources to a plan request by the value sets of {@code rules/terminology/fhir-*.csv}, and
 * a plan to draft FHIR resources (RequestGroup, CarePlan); the Bundle endpoint. May use ehr and the rooms below.
 */
package org.ketaplan.ehr.fhir;
