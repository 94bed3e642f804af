package org.ketaplan.ruleset;

import java.util.List;

/**
 * One DRL rule as a clinician sees it: its rule ID, the clinical-spec ID it implements, name, file (under
 * the rules directory), category (the file name), evidence strength, sources and last review date, and the rules
 * whose advice it replaces where both give the same plan item ({@code @supersedes}).
 */
public record RuleInfo(
        String id,
        String specId,
        String name,
        String file,
        String category,
        String strength,
        List<String> sources,
        String reviewed,
        List<String> supersedes) {
}
