package org.ketaplan.ruleset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.compiler.kie.builder.impl.DrlProject;
import org.ketaplan.conclusions.FlagCode;
import org.ketaplan.facts.Parameter;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;

/**
 * Turns a rules directory into a {@link RuleBase}: reads the tables, compiles every DRL file and checks
 * every rule's metadata. Any problem rejects the whole directory, reported against the file under the
 * rules directory and its line, so that a clinical lead can find it without knowing about Drools.
 */
public final class RuleBaseLoader {

    static final String TERMINOLOGY = "terminology/medications.csv";
    static final String CLASSES = "terminology/medication-classes.csv";
    static final String PARAMETERS = "parameters.csv";
    static final String FLAG_LABELS = "terminology/flag-labels.csv";
    static final String COLLECTION_STEPS = "terminology/collection-steps.csv";
    static final String SKIPS = "terminology/skip-logic.csv";
    private static final Pattern FIELD = Pattern.compile("[a-z][A-Za-z]*\\.[a-z][A-Za-z]*");
    private static final String KFS_ROOT = "src/main/resources/";
    private static final Set<String> STRENGTHS = Set.of("FIRM", "PRACTICE", "UNCERTAIN");
    private static final Pattern RULE_ID = Pattern.compile("[A-Z]+-\\d{2}[a-z]?");
    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern PARAMETER_REFERENCE =
            Pattern.compile("Parameter\\s*\\(\\s*name\\s*==\\s*\"([^\"]*)\"");
    /** Initial pooled sessions; the pool grows under load. */
    private static final int SESSION_POOL_SIZE = 4;
    private static final AtomicLong BUILDS = new AtomicLong();
    /** Shared by every build in this class loader's lifetime: its answers stay true until a dev-mode restart. */
    private static final LookupCachingClassLoader CLASS_LOOKUPS = new LookupCachingClassLoader(Parameter.class.getClassLoader());

    private final Path dir;
    private final String displayDir;

    /**
     * @param dir        the rules directory
     * @param displayDir how to name that directory in messages (the configured value, e.g. "rules")
     */
    public RuleBaseLoader(Path dir, String displayDir) {
        this.dir = dir;
        this.displayDir = displayDir.endsWith("/") ? displayDir.substring(0, displayDir.length() - 1) : displayDir;
    }

    public RuleBase load() {
        requireDirectory();
        return build(readFiles(), null);
    }

    /**
     * The rule set of a build snapshot, if it was made from exactly the files this directory holds now (read once,
     * so that what is compared is what is used); empty if they differ. The tables and metadata are read and checked
     * as in {@link #load()}; only compiling is skipped, and the gate's outcome is the snapshot's.
     */
    public java.util.Optional<RuleBase> load(RuleSnapshot snapshot) {
        requireDirectory();
        Map<String, byte[]> all = allFiles();
        if (!RuleSnapshot.hash(all).equals(snapshot.rules())) {
            return java.util.Optional.empty();
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        all.forEach((path, bytes) -> {
            if (isRuleFile(path)) {
                files.put(path, bytes);
            }
        });
        return java.util.Optional.of(build(files, snapshot).withScenarioCoverage(snapshot.scenariosByRuleId()));
    }

    private void requireDirectory() {
        if (!Files.isDirectory(dir)) {
            throw new RuleBaseException(List.of(new RuleProblem(displayDir, 0,
                    "rules directory not found (absolute path " + dir.toAbsolutePath() + ")")));
        }
    }

    private RuleBase build(Map<String, byte[]> files, RuleSnapshot precompiled) {
        List<RuleProblem> problems = new ArrayList<>();
        if (files.keySet().stream().noneMatch(f -> f.endsWith(".drl"))) {
            problems.add(new RuleProblem(displayDir, 0, "no .drl files found"));
        }
        Set<String> classes = readClasses(files, problems);
        Terminology terminology = readTerminology(files, classes, problems);
        Set<String> declared = new LinkedHashSet<>();
        List<Parameter> parameters = readParameters(files, declared, problems);
        if (!declared.isEmpty()) {
            // With no readable parameter table every reference would be reported again.
            checkParameterReferences(files, declared, problems);
        }
        if (!problems.isEmpty()) {
            throw new RuleBaseException(problems);
        }

        KieServices ks = KieServices.Factory.get();
        ReleaseId releaseId = ks.newReleaseId("org.ketaplan.rules", "ruleset", "1.0." + BUILDS.incrementAndGet());
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        files.forEach((path, bytes) -> {
            if (path.endsWith(".drl")) {
                kfs.write(KFS_ROOT + path, bytes);
            }
        });
        List<TableRules> made = List.of(
                RequiredFacts.generate(files.get(RequiredFacts.TABLE), displayDir, problems),
                ModalityTable.generate(files.get(ModalityTable.TABLE), displayDir, problems));
        if (!problems.isEmpty()) {
            throw new RuleBaseException(problems);
        }
        for (TableRules t : made) {
            kfs.write(KFS_ROOT + t.generatedPath(), t.drl().getBytes(StandardCharsets.UTF_8));
        }
        if (precompiled != null) {
            KieBase kieBase;
            try {
                kieBase = precompiled.kieBase();
            } catch (java.io.IOException | RuntimeException e) {
                throw new RuleBaseException(List.of(new RuleProblem(displayDir, 0,
                        "the build's rule snapshot cannot be used (" + e.getClass().getSimpleName() + ")")));
            }
            return verified(files, parameters, terminology, made, null, kieBase, problems);
        }
        ClassLoader classLoader = CLASS_LOOKUPS;
        KieBuilder builder = ks.newKieBuilder(kfs, classLoader).buildAll(DrlProject.class);
        for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
            // Drools adds this after any parse error; it says nothing the parse error did not.
            if (m.getText().contains("Parser returned a null Package")) {
                continue;
            }
            TableRules from = madeFrom(made, m.getPath());
            if (from != null) {
                // A rule made from a table row: the lead edits the row, so name its line.
                problems.add(new RuleProblem(displayDir + "/" + from.table(),
                        from.tableLine(m.getLine(), m.getText()), m.getText().strip()));
            } else {
                problems.add(new RuleProblem(display(m.getPath()), m.getLine(), m.getText().strip()));
            }
        }
        if (problems.isEmpty() && builder.getResults().hasMessages(Message.Level.ERROR)) {
            problems.add(new RuleProblem(displayDir, 0, "the rules do not compile"));
        }
        if (!problems.isEmpty()) {
            ks.getRepository().removeKieModule(releaseId);
            throw new RuleBaseException(problems);
        }
        KieContainer container = ks.newKieContainer(releaseId, classLoader);
        // The container keeps what it needs; the repository entry would only accumulate across reloads.
        ks.getRepository().removeKieModule(releaseId);
        return verified(files, parameters, terminology, made, container, container.getKieBase(), problems);
    }

    /** What this application's class loader has been asked for and does not have (RuleSnapshot). */
    static List<String> absentClasses() {
        return CLASS_LOOKUPS.absentNames();
    }

    static void rememberAbsent(java.util.Collection<String> names) {
        CLASS_LOOKUPS.rememberAbsent(names);
    }

    static ClassLoader classLookups() {
        return CLASS_LOOKUPS;
    }

    /** A knowledge base from compiled packages, configured as a container's default one is. */
    static KieBase fromPackages(java.util.Collection<KiePackage> packages) {
        var kieBase = org.drools.kiesession.rulebase.KnowledgeBaseFactory.newKnowledgeBase(
                org.drools.core.impl.RuleBaseFactory.newKnowledgeBaseConfiguration(null, CLASS_LOOKUPS));
        kieBase.addPackages(packages);
        return kieBase;
    }

    private RuleBase verified(Map<String, byte[]> files, List<Parameter> parameters, Terminology terminology,
                              List<TableRules> made, KieContainer container, KieBase kieBase,
                              List<RuleProblem> problems) {
        List<RuleInfo> rules = verifyMetadata(kieBase, made, problems);
        checkReferencedRules(made, rules, problems);
        if (!problems.isEmpty()) {
            if (container != null) {
                container.dispose();
            }
            throw new RuleBaseException(problems);
        }
        Map<String, RuleInfo> byName = new HashMap<>();
        rules.forEach(r -> byName.put(r.name(), r));
        Instant loadedAt = Instant.now();
        String version = DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC).format(loadedAt)
                + "-" + contentHash(files);
        return new RuleBase(version, loadedAt, container, kieBase, List.copyOf(rules), Map.copyOf(byName),
                List.copyOf(parameters), terminology, Map.of(), kieBase.newKieSessionsPool(SESSION_POOL_SIZE), java.util.Set.of());
    }

    private static boolean isRuleFile(String rel) {
        // Scenarios are test data for the rules, not part of them.
        return !rel.startsWith("scenarios/") && (rel.endsWith(".drl") || rel.endsWith(".csv"));
    }

    /**
     * Every file the service reads from the directory, the scenarios included, in path order: all but documentation
     * (*.md), which a ConfigMap leaves out (scripts/k8s-rules.py) and nothing reads.
     */
    Map<String, byte[]> allFiles() {
        return readFiles(p -> !p.endsWith(".md"));
    }

    private Map<String, byte[]> readFiles() {
        return readFiles(RuleBaseLoader::isRuleFile);
    }

    private Map<String, byte[]> readFiles(java.util.function.Predicate<String> wanted) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        // A Kubernetes ConfigMap volume (deploy/kubernetes) holds each file behind symlinks through "..data" into a
        // hidden timestamped directory: follow the links, and read only the names a lead wrote, never the "..*"
        // entries, which would hold every file a second time.
        try (Stream<Path> walk = Files.walk(dir, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            List<Path> paths = walk.filter(Files::isRegularFile)
                    .filter(p -> {
                        String rel = relative(p);
                        return !rel.startsWith("..") && !rel.contains("/..") && wanted.test(rel);
                    })
                    .sorted(Comparator.comparing(this::relative))
                    .toList();
            for (Path p : paths) {
                files.put(relative(p), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
        return files;
    }

    private String relative(Path p) {
        return dir.relativize(p).toString().replace('\\', '/');
    }

    private String display(String kfsPath) {
        String p = kfsPath == null ? "" : kfsPath;
        if (p.startsWith(KFS_ROOT)) {
            p = p.substring(KFS_ROOT.length());
        }
        return displayDir + "/" + p;
    }

    private Set<String> readClasses(Map<String, byte[]> files, List<RuleProblem> problems) {
        Set<String> classes = new LinkedHashSet<>();
        for (CsvTable.Row row : table(files, CLASSES, problems, "class")) {
            if (!PARAMETER_NAME.matcher(row.get("class")).matches()) {
                problems.add(row.problem("class must be UPPER_SNAKE_CASE, got '" + row.get("class") + "'"));
            } else if (!classes.add(row.get("class"))) {
                problems.add(row.problem("class " + row.get("class") + " is listed twice"));
            }
        }
        return Set.copyOf(classes);
    }

    private Terminology readTerminology(Map<String, byte[]> files, Set<String> classes, List<RuleProblem> problems) {
        Map<String, Terminology.Entry> entries = new HashMap<>();
        for (CsvTable.Row row : table(files, TERMINOLOGY, problems, "name", "classes", "diazepam_mg_per_mg",
                "adequate_daily_mg")) {
            String name = row.get("name").toLowerCase(Locale.ROOT);
            Set<String> drugClasses = new LinkedHashSet<>();
            for (String c : row.get("classes").split("\\|")) {
                String cls = c.trim();
                if (cls.isEmpty()) {
                    continue;
                }
                if (!classes.contains(cls)) {
                    problems.add(row.problem("class '" + cls + "' of " + name + " is not declared in " + CLASSES));
                }
                drugClasses.add(cls);
            }
            if (name.isEmpty() || drugClasses.isEmpty()) {
                problems.add(row.problem("every medication needs a name and at least one class"));
                continue;
            }
            Double factor = null;
            String rawFactor = row.get("diazepam_mg_per_mg");
            if (!rawFactor.isEmpty()) {
                try {
                    factor = Double.valueOf(rawFactor);
                } catch (NumberFormatException e) {
                    problems.add(row.problem("diazepam_mg_per_mg must be a number, got '" + rawFactor + "'"));
                }
            }
            Double adequate = null;
            String rawAdequate = row.get("adequate_daily_mg");
            if (!rawAdequate.isEmpty()) {
                try {
                    adequate = Double.valueOf(rawAdequate);
                    if (!(adequate > 0 && adequate <= 10_000) || !drugClasses.contains("ANTIDEPRESSANT")) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    adequate = null;
                    problems.add(row.problem("adequate_daily_mg must be a dose in mg above 0 and at most 10000, and only"
                            + " for an ANTIDEPRESSANT; got '" + rawAdequate + "'"));
                }
            }
            if (entries.put(name, new Terminology.Entry(name, Set.copyOf(drugClasses), factor, adequate)) != null) {
                problems.add(row.problem(name + " is listed twice"));
            }
        }
        Map<FlagCode, String> flagLabels = readFlagLabels(files, problems);
        Wording wording = Wording.read(table(files, Wording.TABLE, problems, "type", "value", "words"), flagLabels,
                displayDir + "/" + Wording.TABLE, problems);
        return new Terminology(Map.copyOf(entries), classes, FhirTerminology.read(files, displayDir, problems),
                flagLabels, wording, readCollectionSteps(files, problems), readSkips(files, problems));
    }

    private List<Terminology.Skip> readSkips(Map<String, byte[]> files, List<RuleProblem> problems) {
        List<Terminology.Skip> skips = new ArrayList<>();
        for (CsvTable.Row row : table(files, SKIPS, problems, "fact", "when", "test", "values", "not_asked")) {
            List<String> values = Arrays.stream(row.get("values").split(";")).map(String::strip)
                    .filter(v -> !v.isEmpty()).toList();
            String test = row.get("test");
            if (!FIELD.matcher(row.get("fact")).matches() || !FIELD.matcher(row.get("when")).matches()
                    || row.get("fact").equals(row.get("when")) || values.isEmpty() || row.get("not_asked").isEmpty()
                    || !(test.equals("one of") || test.equals("none of"))) {
                problems.add(row.problem("a skip needs a field (patient.breastfeeding), the field it depends on, the test"
                        + " \"one of\" or \"none of\", the values separated by \";\" and the words shown instead"));
                continue;
            }
            skips.add(new Terminology.Skip(row.get("fact"), row.get("when"), test.equals("none of"), values,
                    row.get("not_asked"), displayDir + "/" + SKIPS + ":" + row.line()));
        }
        // A question that depends, through others, on itself has no first answer: the page could not settle it.
        Map<String, Set<String>> dependsOn = new HashMap<>();
        skips.forEach(k -> dependsOn.computeIfAbsent(k.fact(), f -> new HashSet<>()).add(k.when()));
        for (Terminology.Skip k : skips) {
            if (reaches(dependsOn, k.when(), k.fact(), new HashSet<>())) {
                problems.add(new RuleProblem(displayDir + "/" + SKIPS, 0, k.fact() + " depends on itself through "
                        + k.when() + ": a question's skip may depend only on questions that do not depend on it"));
                break;
            }
        }
        return List.copyOf(skips);
    }

    private static boolean reaches(Map<String, Set<String>> dependsOn, String from, String target, Set<String> seen) {
        if (from.equals(target)) {
            return true;
        }
        if (!seen.add(from)) {
            return false;
        }
        for (String next : dependsOn.getOrDefault(from, Set.of())) {
            if (reaches(dependsOn, next, target, seen)) {
                return true;
            }
        }
        return false;
    }

    private List<Terminology.CollectionStep> readCollectionSteps(Map<String, byte[]> files, List<RuleProblem> problems) {
        List<Terminology.CollectionStep> steps = new ArrayList<>();
        for (CsvTable.Row row : table(files, COLLECTION_STEPS, problems, "fact", "step", "order")) {
            try {
                int order = Integer.parseInt(row.get("order"));
                if (row.get("fact").isEmpty() || row.get("step").isEmpty() || order < 1) {
                    throw new NumberFormatException();
                }
                steps.add(new Terminology.CollectionStep(row.get("fact"), row.get("step"), order));
            } catch (NumberFormatException e) {
                problems.add(row.problem("a step needs a fact path, its words and an order of 1 or more"));
            }
        }
        return List.copyOf(steps);
    }

    private Map<FlagCode, String> readFlagLabels(Map<String, byte[]> files, List<RuleProblem> problems) {
        Map<FlagCode, String> labels = new EnumMap<>(FlagCode.class);
        for (CsvTable.Row row : table(files, FLAG_LABELS, problems, "flag", "label")) {
            FlagCode flag;
            try {
                flag = FlagCode.valueOf(row.get("flag"));
            } catch (IllegalArgumentException e) {
                problems.add(row.problem("'" + row.get("flag") + "' is not a flag of the contract"));
                continue;
            }
            if (row.get("label").isEmpty() || labels.put(flag, row.get("label")) != null) {
                problems.add(row.problem(flag + " needs one label, on one row"));
            }
        }
        if (files.containsKey(FLAG_LABELS)) {
            for (FlagCode flag : FlagCode.values()) {
                if (!labels.containsKey(flag) && problems.stream().noneMatch(p -> p.message().startsWith(flag + " "))) {
                    problems.add(new RuleProblem(displayDir + "/" + FLAG_LABELS, 0, "no label for flag " + flag));
                }
            }
        }
        return Map.copyOf(labels);
    }

    private List<CsvTable.Row> table(Map<String, byte[]> files, String path, List<RuleProblem> problems,
                                     String... columns) {
        return CsvTable.read(displayDir + "/" + path, files.get(path), problems, columns);
    }

    private List<Parameter> readParameters(Map<String, byte[]> files, Set<String> seen, List<RuleProblem> problems) {
        Map<String, ParameterTable.Declared> declared =
                ParameterTable.read(displayDir + "/" + PARAMETERS, files.get(PARAMETERS), problems, seen);
        return ParameterTable.values(declared);
    }

    /**
     * A rule that names a parameter missing from parameters.csv would silently never fire; for a safety
     * rule that is the worst kind of failure, so it is a load error.
     */
    private void checkParameterReferences(Map<String, byte[]> files, Set<String> declared, List<RuleProblem> problems) {
        files.forEach((path, bytes) -> {
            if (!path.endsWith(".drl")) {
                return;
            }
            String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                var m = PARAMETER_REFERENCE.matcher(lines[i]);
                while (m.find()) {
                    if (!declared.contains(m.group(1))) {
                        problems.add(new RuleProblem(displayDir + "/" + path, i + 1, "parameter " + m.group(1)
                                + " is not declared in " + displayDir + "/" + PARAMETERS));
                    }
                }
            }
        });
    }

    private static TableRules madeFrom(List<TableRules> made, String path) {
        return path == null ? null : made.stream().filter(t -> path.endsWith(t.generatedPath())).findFirst().orElse(null);
    }

    /** A row that names a rule deciding in its place (a NONE row of the modality table) must name a real one. */
    private void checkReferencedRules(List<TableRules> made, List<RuleInfo> rules, List<RuleProblem> problems) {
        Set<String> ids = new HashSet<>();
        rules.forEach(r -> ids.add(r.id()));
        for (TableRules t : made) {
            t.referencedRules().forEach((line, id) -> {
                if (!ids.contains(id)) {
                    problems.add(new RuleProblem(displayDir + "/" + t.table(), line,
                            "names rule " + id + ", which is not in the rule set"));
                }
            });
        }
    }

    private List<RuleInfo> verifyMetadata(KieBase kieBase, List<TableRules> made, List<RuleProblem> problems) {
        List<RuleInfo> rules = new ArrayList<>();
        Map<String, String> fileById = new HashMap<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                if (rule instanceof RuleImpl impl && impl.isQuery()) {
                    continue;
                }
                String file = rule instanceof RuleImpl impl && impl.getResource() != null
                        ? display(impl.getResource().getSourcePath()) : displayDir;
                TableRules from = madeFrom(made, file);
                if (from != null) {
                    file = displayDir + "/" + from.table();
                }
                Map<String, Object> meta = rule.getMetaData();
                String where = "rule \"" + rule.getName() + "\"";
                String id = meta(meta, "id");
                String strength = meta(meta, "strength");
                String source = meta(meta, "source");
                String reviewed = meta(meta, "reviewed");
                if (id == null || !RULE_ID.matcher(id).matches()) {
                    problems.add(new RuleProblem(file, 0, where + " needs @id(\"XX-00\") with a clinical-spec ID"
                            + (id == null ? "" : ", got '" + id + "'")));
                } else if (fileById.containsKey(id)) {
                    problems.add(new RuleProblem(file, 0, where + " reuses @id(\"" + id + "\") of a rule in "
                            + fileById.get(id) + "; give each DRL rule its own suffix (" + id + "a, " + id + "b)"));
                } else {
                    fileById.put(id, file);
                }
                if (strength == null || !STRENGTHS.contains(strength)) {
                    problems.add(new RuleProblem(file, 0, where + " needs @strength FIRM, PRACTICE or UNCERTAIN"
                            + (strength == null ? "" : ", got '" + strength + "'")));
                }
                if (source == null || source.isBlank()) {
                    problems.add(new RuleProblem(file, 0, where + " needs @source(\"...\")"));
                }
                if (reviewed == null || !isDate(reviewed)) {
                    problems.add(new RuleProblem(file, 0, where + " needs @reviewed(\"YYYY-MM-DD\")"));
                }
                List<String> sources = source == null ? List.of()
                        : Arrays.stream(source.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
                String category = from != null ? from.categoryByRule().getOrDefault(id, from.table())
                        : file.substring(file.lastIndexOf('/') + 1).replaceFirst("\\.drl$", "");
                // "SUI-01a" implements SUI-01; @spec names the spec ID where a suffix is part of it (DX-06b).
                String specId = meta(meta, "spec") != null ? meta(meta, "spec")
                        : id == null ? null : id.replaceFirst("(-\\d{2})[a-z]$", "$1");
                String supersedes = meta(meta, "supersedes");
                List<String> superseded = supersedes == null ? List.of()
                        : Arrays.stream(supersedes.split("[\\s,;]+")).filter(s -> !s.isEmpty()).toList();
                rules.add(new RuleInfo(id, specId, rule.getName(), file, category, strength, sources, reviewed,
                        superseded));
            }
        }
        rules.sort(Comparator.comparing(RuleInfo::file).thenComparing(r -> r.id() == null ? "" : r.id()));
        for (RuleInfo r : rules) {
            for (String other : r.supersedes()) {
                if (!fileById.containsKey(other)) {
                    problems.add(new RuleProblem(r.file(), 0, "rule \"" + r.name() + "\" supersedes " + other
                            + ", which is not in the rule set"));
                }
            }
        }
        return rules;
    }

    private static String meta(Map<String, Object> meta, String key) {
        Object v = meta.get(key);
        if (v == null) {
            return null;
        }
        String s = v.toString().strip();
        // Drools keeps the quotes of a quoted metadata value in some versions.
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        return s;
    }

    private static boolean isDate(String s) {
        try {
            LocalDate.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String contentHash(Map<String, byte[]> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            files.forEach((path, bytes) -> {
                sha.update(path.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(bytes);
                sha.update((byte) 0);
            });
            return HexFormat.of().formatHex(sha.digest()).substring(0, 7);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
