package org.ketaplan.ehr.fhir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.ketaplan.audit.AuditLog;
import org.ketaplan.plan.PlanService;
import org.ketaplan.plan.RequestReader;
import org.ketaplan.plan.SiteConfig;
import org.ketaplan.plan.TreatmentPlan;
import org.ketaplan.ruleset.RuleBaseHolder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * EHR data to plan, for CDS Hooks and the FHIR Bundle endpoint alike: FHIR facts become a v1 request
 * (with this site's configured capabilities), which then goes through the same strict reader and rules as
 * any JSON request.
 */
@ApplicationScoped
public class FhirPlanner {

    private final SiteConfig config;
    private final RequestReader reader;
    private final PlanService plans;
    private final RuleBaseHolder rules;
    private final ObjectMapper json;
    private final AuditLog audit;

    public FhirPlanner(SiteConfig config, RequestReader reader, PlanService plans, RuleBaseHolder rules,
                       ObjectMapper json, AuditLog audit) {
        this.audit = audit;
        this.config = config;
        this.reader = reader;
        this.plans = plans;
        this.rules = rules;
        this.json = json;
    }

    /** A request made from an EHR record, and for each of its facts the resources it came from. */
    public record EhrRequest(ObjectNode request, Map<String, List<String>> sources) {
    }

    public ObjectNode request(FhirFacts facts) {
        return requestWithSources(facts).request();
    }

    public EhrRequest requestWithSources(FhirFacts facts) {
        FhirRequestMapper mapper = new FhirRequestMapper(json);
        ObjectNode request = mapper.toRequest(facts, LocalDate.now(ZoneOffset.UTC), rules.current().terminology());
        if (config.ivKetamineCapable().isPresent() || config.esketamineRemsCertified().isPresent()) {
            ObjectNode s = request.putObject("setting");
            config.ivKetamineCapable().ifPresent(v -> s.put("ivKetamineCapable", v));
            config.esketamineRemsCertified().ifPresent(v -> s.put("esketamineRemsCertified", v));
        }
        return new EhrRequest(request, mapper.sources());
    }

    /**
     * The plan for a request made from an EHR record, recorded in the audit trail with its channel and caller.
     *
     * @throws org.ketaplan.plan.BadRequestProblem when the EHR's values are outside the contract's ranges
     */
    public TreatmentPlan plan(ObjectNode request, AuditLog.Channel channel, String caller) {
        try {
            byte[] bytes = json.writeValueAsBytes(request);
            TreatmentPlan plan = plans.plan(reader.read(bytes));
            audit.plan(channel, caller, bytes, plan);
            return plan;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
