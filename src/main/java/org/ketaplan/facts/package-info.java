/**
 * What the rules read: one record per part of the patient's facts (Patient, Diagnoses, Assessment, ...), the
 * parameters of {@code rules/parameters.csv}, and the few facts rules derive for other rules to read
 * (CurrentScore, ScoreChange). Records only: no logic, no JSON annotations. Uses nothing of this service.
 */
package org.ketaplan.facts;
