package org.ketaplan.conclusions;

public enum MaintenanceType {
    NOT_APPLICABLE, DECIDE_AT_END_OF_INDUCTION, INDIVIDUALIZED_TAPER, ESKETAMINE_LABEL_MAINTENANCE, RESCUE_BOOSTER_OR_MINI_SERIES, EXTEND_OR_SWITCH_REVIEW, STOP,
    /** An open safety question comes first (clinical-spec ENV-02, ENV-03). */
    DEFERRED,
    /** The review date has passed or the scores are stale: re-assess before any taper or booster (MAINT-03, RESP-07). */
    REVIEW
}
