package org.ketaplan.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Each DRL file opens with the rule IDs it holds, in clinical-spec order, so a lead finds a rule without reading the
 * file. The list is checked against the compiled rules, so it cannot drift; {@code -Ddrl.contents.update=true}
 * rewrites the lists after rules were added or moved.
 */
class DrlContentsTest {

    private static final String PREFIX = "// Rules, in clinical-spec order: ";
    private static final String CONTINUED = "//   ";
    private static final int WIDTH = 120;

    @TestFactory
    Stream<DynamicTest> everyDrlFileListsItsRules() throws IOException {
        List<String> specOrder = specOrder();
        Map<String, List<RuleInfo>> byFile = TestRules.ruleBase().rules().stream()
                .filter(r -> r.file().endsWith(".drl"))
                .collect(Collectors.groupingBy(RuleInfo::file));
        return byFile.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> DynamicTest.dynamicTest(
                e.getKey(), () -> {
                    Path file = Path.of(e.getKey());
                    List<String> ids = e.getValue().stream()
                            .sorted(Comparator.comparingInt((RuleInfo r) -> position(specOrder, r.specId()))
                                    .thenComparing(RuleInfo::id))
                            .map(RuleInfo::id).toList();
                    List<String> expected = contents(ids);
                    List<String> lines = Files.readAllLines(file);
                    List<String> actual = listed(lines);
                    if (Boolean.getBoolean("drl.contents.update") && !actual.equals(expected)) {
                        Files.write(file, rewritten(lines, expected));
                        actual = listed(Files.readAllLines(file));
                    }
                    assertThat(String.join("\n", actual)).as("the contents lines of %s "
                            + "(run with -Ddrl.contents.update=true to rewrite them)", file)
                            .isEqualTo(String.join("\n", expected));
                }));
    }

    /**
     * One rule test class per DRL file, named after it ({@code contraindications.drl} is tested by
     * {@code ContraindicationRulesTest}), so a lead who changes a file knows which tests speak for it.
     */
    @TestFactory
    Stream<DynamicTest> everyDrlFileHasItsRuleTestClass() throws IOException {
        try (Stream<Path> files = Files.list(TestRules.RULES.resolve("ketamine"))) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".drl")).sorted()
                    .map(f -> DynamicTest.dynamicTest(f, () -> {
                        String test = "org.ketaplan.plan." + testClassName(f);
                        assertThat(exists(test)).as("a test class %s for rules/ketamine/%s", test, f).isTrue();
                    })).toList().stream();
        }
    }

    /** contraindications.drl: ContraindicationRulesTest; missing-data.drl: MissingDataRulesTest; series stays. */
    static String testClassName(String drlFile) {
        StringBuilder name = new StringBuilder();
        for (String word : drlFile.replaceFirst("\\.drl$", "").split("-")) {
            String singular = word.endsWith("s") && !word.endsWith("ies") ? word.substring(0, word.length() - 1) : word;
            name.append(Character.toUpperCase(singular.charAt(0))).append(singular.substring(1));
        }
        return name + "RulesTest";
    }

    private static boolean exists(String className) {
        try {
            Class.forName(className, false, DrlContentsTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Spec IDs in the order of the spec's tables, then any the spec names only in its text (its corrections). */
    private static List<String> specOrder() throws IOException {
        String spec = Files.readString(Path.of("docs", "clinical-spec.md"));
        List<String> order = new ArrayList<>();
        for (String pattern : List.of("^\\| ([A-Z]+-\\d{2}[a-z]?) \\|", "\\b([A-Z]+-\\d{2}[a-z]?)\\b")) {
            Matcher m = Pattern.compile(pattern, Pattern.MULTILINE).matcher(spec);
            while (m.find()) {
                if (!order.contains(m.group(1))) {
                    order.add(m.group(1));
                }
            }
        }
        return order;
    }

    private static int position(List<String> order, String specId) {
        int i = order.indexOf(specId);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    private static List<String> contents(List<String> ids) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder(PREFIX);
        for (int i = 0; i < ids.size(); i++) {
            String item = ids.get(i) + (i < ids.size() - 1 ? "," : "");
            if (line.length() + 1 + item.length() > WIDTH && line.length() > CONTINUED.length()) {
                out.add(line.toString().stripTrailing());
                line = new StringBuilder(CONTINUED);
            }
            line.append(line.toString().endsWith(" ") ? "" : " ").append(item);
        }
        out.add(line.toString().stripTrailing());
        return out;
    }

    private static List<String> listed(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            if (l.startsWith(PREFIX) || (!out.isEmpty() && l.startsWith(CONTINUED))) {
                out.add(l);
            } else if (!out.isEmpty()) {
                break;
            }
        }
        return out;
    }

    /** The file with its contents lines replaced, or inserted after the opening comment. */
    private static List<String> rewritten(List<String> lines, List<String> contents) {
        List<String> old = listed(lines);
        List<String> out = new ArrayList<>(lines);
        int at;
        if (old.isEmpty()) {
            at = 0;
            while (at < out.size() && out.get(at).startsWith("//")) {
                at++;
            }
        } else {
            at = out.indexOf(old.get(0));
            out.subList(at, at + old.size()).clear();
        }
        out.addAll(at, contents);
        return out;
    }
}
