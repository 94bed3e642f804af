package org.ketaplan.facts;

import java.util.List;

/** Substance use. {@code substances} holds lower-case names as reported (e.g. "alcohol"); null when not reported. */
public record SubstanceUse(
        SudSeverity activeDisorderSeverity,
        List<String> substances,
        Boolean pastDisorder,
        Integer remissionMonths,
        Boolean priorKetamineMisuse) {
}
