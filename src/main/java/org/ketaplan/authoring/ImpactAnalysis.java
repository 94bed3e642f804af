package org.ketaplan.authoring;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.ketaplan.audit.AuditStore;
import org.ketaplan.plan.BadRequestProblem;
import org.ketaplan.plan.PlanService;
import org.ketaplan.plan.RequestReader;
import org.ketaplan.plan.SiteConfig;
import org.ketaplan.plan.TreatmentPlan;
import org.ketaplan.ruleset.Impact;
import org.ketaplan.ruleset.RuleBase;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Replays the recorded requests of a window and every scenario against the active and a candidate rule set, and
 * counts what would change. A recorded request keeps its original {@code asOf}: one that omitted it was planned
 * for the UTC day it was recorded, so that day is put back. Runs on the caller's thread (the rule set's own
 * background executor or a clinical lead's check), never on a plan's.
 */
@ApplicationScoped
public class ImpactAnalysis implements Impact.Analysis {

    static final int EXAMPLES_PER_KIND = 3;
    private static final Logger LOG = Logger.getLogger(ImpactAnalysis.class);

    private final AuditStore store;
    private final RequestReader reader;
    private final ObjectMapper json;
    private final SiteConfig site;
    private final int windowDays;
    private final int maxRecorded;

    public ImpactAnalysis(AuditStore store, RequestReader reader, ObjectMapper json, SiteConfig site,
                          @ConfigProperty(name = "ketaplan.impact.window-days", defaultValue = "30") int windowDays,
                          @ConfigProperty(name = "ketaplan.impact.max-recorded", defaultValue = "10000") int maxRecorded) {
        this.store = store;
        this.reader = reader;
        this.json = json;
        this.site = site;
        this.windowDays = Math.max(0, Math.min(windowDays, 3660));
        this.maxRecorded = Math.max(0, Math.min(maxRecorded, 100_000));
    }

    /** One replay's before and after. */
    record Pair(String source, String id, TreatmentPlan before, TreatmentPlan after) {
    }

    @Override
    public Impact compare(RuleBase active, RuleBase candidate, Path candidateDir) {
        Instant to = Instant.now();
        Instant from = to.minus(Duration.ofDays(windowDays));
        Impact impact = compare(active, candidate, candidateDir, recorded(from, to), from, to, reader, json, site.site());
        LOG.infof("Impact of rule set %s over %s: %d recorded plans and %d scenarios replayed, %d change %s (%d ms)",
                candidate.version(), active.version(), impact.recorded(), impact.scenarios(), impact.changed(),
                impact.changes(), impact.millis());
        return impact;
    }

    /** The replay itself, on given recorded requests (none where there is no database, as in the Maven check). */
    public static Impact compare(RuleBase active, RuleBase candidate, Path candidateDir,
                                 List<AuditStore.RecordedRequest> recorded, Instant from, Instant to,
                                 RequestReader reader, ObjectMapper json, SiteConfig.Site site) {
        long start = System.nanoTime();
        Counter counter = new Counter();
        int unreadable = 0;
        for (AuditStore.RecordedRequest r : recorded) {
            RequestReader.Parsed parsed = parse(r, reader, json);
            if (parsed == null) {
                unreadable++;
                continue;
            }
            counter.add(replay("RECORDED", r.planId(), parsed, active, candidate, site));
        }
        int scenarios = 0;
        int gateOnly = 0;
        for (ScenarioRunner.Scenario s : ScenarioRunner.scenarios(candidateDir)) {
            // A scenario that runs under other parameters (a site-policy variant) is the gate's business.
            if (!s.parameters().isEmpty() || s.problem() != null) {
                gateOnly++;
                continue;
            }
            try {
                counter.add(replay("SCENARIO", s.name(), reader.read(s.request()), active, candidate, site));
                scenarios++;
            } catch (BadRequestProblem e) {
                // An invalid scenario request is a gate failure, reported there.
            }
        }
        return new Impact(active.version(), candidate.version(), Instant.now(), from, to,
                recorded.size() - unreadable, scenarios, unreadable, counter.changed, counter.counts(),
                List.copyOf(counter.examples), (System.nanoTime() - start) / 1_000_000, gateOnly);
    }

    /** The report in words, as the check command prints it. */
    public static String text(Impact i) {
        StringBuilder out = new StringBuilder();
        out.append("Impact over the active rules (").append(i.activeVersion()).append("): ").append(i.recorded())
                .append(" recorded plans");
        if (i.windowFrom() != null) {
            out.append(" (").append(i.windowFrom().truncatedTo(java.time.temporal.ChronoUnit.MINUTES)).append(" to ")
                    .append(i.windowTo().truncatedTo(java.time.temporal.ChronoUnit.MINUTES)).append(')');
        }
        out.append(" and ").append(i.scenarios()).append(" scenarios replayed");
        if (i.scenariosGateOnly() > 0) {
            // The same total as the gate's "N of M pass", so the two numbers never seem to disagree.
            out.append(" (the other ").append(i.scenariosGateOnly()).append(" of ")
                    .append(i.scenarios() + i.scenariosGateOnly())
                    .append(" run under their own site parameters or expect a refusal: the gate ran them)");
        }
        if (i.unreadable() > 0) {
            out.append(", ").append(i.unreadable()).append(" recorded requests no longer readable");
        }
        out.append("; ").append(i.changed()).append(" would change.\n");
        i.changes().forEach((kind, n) -> out.append("  ").append(kind).append(": ").append(n).append('\n'));
        for (Impact.Example e : i.examples()) {
            out.append("  e.g. ").append(e.kind()).append(' ').append(e.source().toLowerCase(java.util.Locale.ROOT))
                    .append(' ').append(e.id()).append(": ").append(e.before()).append(" -> ").append(e.after());
            if (!e.rulesAppeared().isEmpty()) {
                out.append("; rules now firing ").append(e.rulesAppeared());
            }
            if (!e.rulesDisappeared().isEmpty()) {
                out.append("; rules no longer firing ").append(e.rulesDisappeared());
            }
            out.append('\n');
        }
        return out.toString();
    }

    private List<AuditStore.RecordedRequest> recorded(Instant from, Instant to) {
        if (maxRecorded == 0) {
            return List.of();
        }
        try {
            return store.requests(from, to, maxRecorded);
        } catch (Exception e) {
            // No database, or one that cannot be read: the scenarios still say something.
            LOG.warnf("Impact: recorded plans could not be read (%s); scenarios only", e.getClass().getSimpleName());
            return List.of();
        }
    }

    private static RequestReader.Parsed parse(AuditStore.RecordedRequest r, RequestReader reader, ObjectMapper json) {
        try {
            ObjectNode request = (ObjectNode) json.readTree(r.requestJson());
            if (!request.hasNonNull("asOf")) {
                request.put("asOf", LocalDate.ofInstant(r.createdAt(), ZoneOffset.UTC).toString());
            }
            return reader.read(json.writeValueAsBytes(request));
        } catch (BadRequestProblem | java.io.IOException | ClassCastException e) {
            return null;
        }
    }

    private static Pair replay(String source, String id, RequestReader.Parsed parsed, RuleBase active,
                               RuleBase candidate, SiteConfig.Site site) {
        return new Pair(source, id, PlanService.plan(active, parsed, id, site), PlanService.plan(candidate, parsed, id, site));
    }

    /** The values of each kind, as words a lead reads in the report. */
    static final Map<Impact.Kind, Function<TreatmentPlan, String>> KINDS = new EnumMap<>(Map.of(
            Impact.Kind.TRIAGE, p -> String.valueOf(p.triage()),
            Impact.Kind.ELIGIBILITY, p -> String.valueOf(p.eligibility()),
            Impact.Kind.SERIES, p -> p.series() == null ? "none" : String.valueOf(p.series().type()),
            Impact.Kind.MAINTENANCE, p -> p.maintenance() == null ? "none" : String.valueOf(p.maintenance().type()),
            Impact.Kind.NEXT_SESSION, p -> p.nextSession() == null ? "none"
                    : String.valueOf(p.nextSession().decision())));

    private static final class Counter {
        final EnumMap<Impact.Kind, Integer> counts = new EnumMap<>(Impact.Kind.class);
        final List<Impact.Example> examples = new ArrayList<>();
        int changed;

        void add(Pair p) {
            boolean any = false;
            for (var kind : KINDS.entrySet()) {
                String before = kind.getValue().apply(p.before());
                String after = kind.getValue().apply(p.after());
                if (Objects.equals(before, after)) {
                    continue;
                }
                any = true;
                int n = counts.merge(kind.getKey(), 1, Integer::sum);
                if (n <= EXAMPLES_PER_KIND) {
                    Set<String> was = ruleIds(p.before());
                    Set<String> is = ruleIds(p.after());
                    examples.add(new Impact.Example(kind.getKey(), p.source(), p.id(), before, after,
                            List.copyOf(minus(is, was)), List.copyOf(minus(was, is))));
                }
            }
            changed += any ? 1 : 0;
        }

        Map<Impact.Kind, Integer> counts() {
            EnumMap<Impact.Kind, Integer> all = new EnumMap<>(Impact.Kind.class);
            for (Impact.Kind k : Impact.Kind.values()) {
                all.put(k, counts.getOrDefault(k, 0));
            }
            return all;
        }

        static Set<String> ruleIds(TreatmentPlan plan) {
            Set<String> ids = new TreeSet<>();
            plan.rationale().forEach(r -> ids.add(r.ruleId()));
            return ids;
        }

        static Set<String> minus(Set<String> a, Set<String> b) {
            Set<String> out = new TreeSet<>(a);
            out.removeAll(b);
            return out;
        }
    }
}
