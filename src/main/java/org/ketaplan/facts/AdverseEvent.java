package org.ketaplan.facts;

/** An adverse event recorded for a session (api-contract v1.1). Which are serious is the rules' to say (SES-02). */
public enum AdverseEvent {
    NAUSEA, VOMITING, HEADACHE, DIZZINESS, ANXIETY, SEVERE_DISSOCIATION, EXCESSIVE_SEDATION, RESPIRATORY_DEPRESSION,
    HYPERTENSIVE_RESPONSE, CHEST_PAIN, OTHER_SERIOUS
}
