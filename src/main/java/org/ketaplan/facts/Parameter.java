package org.ketaplan.facts;

/**
 * A configurable value from {@code rules/parameters.csv}: a number ({@code VITALS_MAX_AGE_DAYS = 30}, read
 * as {@code value}) or one of a few choices ({@code ESKETAMINE_LABEL_REGION = US}, read as {@code choice}).
 */
public record Parameter(String name, double value, String choice) {

    public Parameter(String name, double value) {
        this(name, value, null);
    }

    public static Parameter choice(String name, String choice) {
        return new Parameter(name, Double.NaN, choice);
    }
}
