package org.ketaplan.ehr.fhir;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;

/**
 * The one R4 FhirContext of the service. Creating it is cheap but its first parse scans the model for
 * about two seconds, so it is warmed in the background at start-up, off the path to the first plan.
 */
@ApplicationScoped
public class FhirSupport {

    private static final Logger LOG = Logger.getLogger(FhirSupport.class);
    /** Made on first use, by the warm-up thread unless a call comes first: its creation alone takes ~0.3 s. */
    private volatile FhirContext context;

    void onStart(@Observes StartupEvent event) {
        Thread warm = new Thread(() -> {
            long start = System.nanoTime();
            try {
                IParser parser = json();
                var bundle = parser.parseResource("""
                        {"resourceType":"Bundle","type":"searchset","entry":[{"resource":{"resourceType":"Observation",
                        "status":"final","code":{"coding":[{"system":"urn:ketaplan:warm-up","code":"warm-up"}]},
                        "valueInteger":12}},{"resource":{"resourceType":"Patient","birthDate":"1980-01-01"}},
                        {"resource":{"resourceType":"Condition","code":{"text":"x"}}},
                        {"resource":{"resourceType":"MedicationRequest","status":"active","intent":"order"}}]}
                        """);
                parser.encodeResourceToString((org.hl7.fhir.instance.model.api.IBaseResource) bundle);
                new org.hl7.fhir.r4.model.RequestGroup();
                new org.hl7.fhir.r4.model.CarePlan();
                LOG.debugf("FHIR context warmed in %d ms", (System.nanoTime() - start) / 1_000_000);
            } catch (RuntimeException e) {
                LOG.warn("FHIR warm-up failed; the first EHR call will pay for model scanning", e);
            }
        }, "fhir-warm-up");
        warm.setDaemon(true);
        warm.setContextClassLoader(FhirSupport.class.getClassLoader());
        warm.start();
    }

    public FhirContext context() {
        FhirContext c = context;
        if (c == null) {
            synchronized (this) {
                c = context;
                if (c == null) {
                    c = FhirContext.forR4();
                    context = c;
                }
            }
        }
        return c;
    }

    /** Parsers are cheap and not thread-safe: one per use. Lenient, and silent about what it skips. */
    public IParser json() {
        // HAPI's default handler logs a line per unknown element: a client could write thousands per request.
        return context().newJsonParser().setParserErrorHandler(new ca.uhn.fhir.parser.LenientErrorHandler(false));
    }
}
