package org.ketaplan.plan;

/** One thing wrong with a request: the field path as the client wrote it (e.g. assessments[0].score). */
public record Violation(String field, String message) {
}
