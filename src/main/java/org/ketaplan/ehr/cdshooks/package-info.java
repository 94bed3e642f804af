/**
 * CDS Hooks 2.0: discovery, the two services, prefetch or an allow-listed fhirServer, cards and feedback, and the
 * verification of every EHR's JWT. May use ehr, ehr.fhir and the rooms below.
 */
package org.ketaplan.ehr.cdshooks;
