package org.ketaplan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ketaplan.plan.Plans;
import org.ketaplan.plan.Requests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The plans the README and docs/api.md show are what the service answers to the request each example names: a
 * documented field that the service no longer gives, or gives otherwise, fails here, so the examples cannot drift from
 * the rules. An example may leave things out: {@code "…"} as a key stands for the fields not shown, as a list element
 * for the items not shown, and a text ending in {@code …} for the rest of that text. The plan's id and its rule set's
 * version and load time differ on every call and are not compared.
 */
class DocsExamplesTest {

    private static final Pattern REQUEST = Pattern.compile("--data @(\\S+)");
    private static final Set<String> VARIES = Set.of("planId", "ruleset");
    private static final String ELLIPSIS = "…";

    record Example(Path doc, String request, String plan) {
        @Override
        public String toString() {
            return doc + " (" + request + ")";
        }
    }

    static Stream<Example> examples() throws IOException {
        List<Example> out = new ArrayList<>();
        // Each `--data @file` names the request of the first ```json block after it.
        for (Path doc : List.of(Path.of("README.md"), Path.of("docs/api.md"))) {
            List<String> lines = Files.readAllLines(doc);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = REQUEST.matcher(lines.get(i));
                if (!m.find()) {
                    continue;
                }
                int start = i + 1;
                while (start < lines.size() && !lines.get(start).equals("```json")) {
                    start++;
                }
                int end = start + 1;
                while (end < lines.size() && !lines.get(end).equals("```")) {
                    end++;
                }
                if (end < lines.size()) {
                    out.add(new Example(doc, m.group(1), String.join("\n", lines.subList(start + 1, end))));
                }
                i = end;
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void theDocumentedPlanIsWhatTheServiceAnswers(Example example) throws IOException {
        JsonNode documented = Requests.JSON.readTree(example.plan());
        // Dates as the service writes them (ISO text), not as arrays.
        JsonNode actual = Requests.JSON.copy().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .valueToTree(Plans.plan(Files.readAllBytes(Path.of(example.request()))));
        List<String> differences = new ArrayList<>();
        compare("", documented, actual, differences);
        assertThat(differences).as("%s differs from the plan the service gives", example).isEmpty();
    }

    static void compare(String path, JsonNode documented, JsonNode actual, List<String> out) {
        if (documented.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = documented.fields(); it.hasNext(); ) {
                var e = it.next();
                if (e.getKey().equals(ELLIPSIS) || (path.isEmpty() && VARIES.contains(e.getKey()))) {
                    continue;
                }
                JsonNode a = actual.get(e.getKey());
                if (a == null) {
                    out.add(path + "." + e.getKey() + ": documented, but the plan has no such field");
                } else {
                    compare(path + "." + e.getKey(), e.getValue(), a, out);
                }
            }
            if (!documented.has(ELLIPSIS)) {
                for (Iterator<String> it = actual.fieldNames(); it.hasNext(); ) {
                    String name = it.next();
                    if (!documented.has(name) && !(path.isEmpty() && VARIES.contains(name))) {
                        out.add(path + "." + name + ": in the plan but not documented (add it, or \"…\")");
                    }
                }
            }
        } else if (documented.isArray()) {
            List<JsonNode> shown = new ArrayList<>();
            documented.forEach(d -> {
                if (!(d.isTextual() && d.asText().equals(ELLIPSIS))) {
                    shown.add(d);
                }
            });
            boolean abridged = shown.size() < documented.size();
            if (!actual.isArray() || (!abridged && actual.size() != shown.size()) || actual.size() < shown.size()) {
                out.add(path + ": documented " + documented + ", the plan has " + actual);
                return;
            }
            for (int i = 0; i < shown.size(); i++) {
                compare(path + "[" + i + "]", shown.get(i), actual.get(i), out);
            }
        } else if (documented.isTextual() && documented.asText().endsWith(ELLIPSIS)) {
            String prefix = documented.asText().substring(0, documented.asText().length() - 1);
            if (!actual.asText().startsWith(prefix)) {
                out.add(path + ": documented \"" + documented.asText() + "\", the plan has " + actual);
            }
        } else if (documented.isNumber() && actual.isNumber()) {
            if (documented.decimalValue().compareTo(actual.decimalValue()) != 0) {
                out.add(path + ": documented " + documented + ", the plan has " + actual);
            }
        } else if (!documented.equals(actual)) {
            out.add(path + ": documented " + documented + ", the plan has " + actual);
        }
    }
}
