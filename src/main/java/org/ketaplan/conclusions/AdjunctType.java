package org.ketaplan.conclusions;

public enum AdjunctType {
    CONTINUE_ORAL_ANTIDEPRESSANT, SUPPORT_GROUP, LIFESTYLE, MEASUREMENT_BASED_CARE
}
