package org.ketaplan.conclusions;

/** Whether the next session may go ahead (api-contract v1.1 {@code nextSession.decision}). */
public enum SessionDecision {
    GO, HOLD, NOT_DUE, NONE
}
