package org.ketaplan.conclusions;

/**
 * By when a missing fact is needed (clinical-spec 17.4): only BLOCKS_PLAN keeps the plan from ELIGIBLE; the others
 * hold the session that needs them.
 */
public enum NeededBy {
    BLOCKS_PLAN, FIRST_SESSION, EACH_SESSION
}
