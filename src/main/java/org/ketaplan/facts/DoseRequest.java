package org.ketaplan.facts;

/** An IV dose the clinician asks about (mg/kg), e.g. for titration; null when none was asked. */
public record DoseRequest(Double requestedIvDoseMgPerKg) {
}
