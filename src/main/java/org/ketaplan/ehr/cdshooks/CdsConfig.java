package org.ketaplan.ehr.cdshooks;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of the EHR integration (prefix {@code ketaplan.cds}). */
@ConfigMapping(prefix = "ketaplan.cds")
public interface CdsConfig {

    /** Accept calls without a JWT. Only for local development with a sandbox; never in production. */
    @WithDefault("false")
    boolean allowUnsigned();

    /**
     * The public base URL of this service as EHRs call it (e.g. https://cds.example.org): JWT audiences
     * are checked against it. Without it, the URL of the incoming request is used.
     */
    Optional<String> baseUrl();

    /**
     * The clinician page as a clinician's browser reaches it (e.g. https://ketaplan.example.org/): each card links
     * to it with a draft id. Without it, the base URL the EHR called is used.
     */
    Optional<String> pageUrl();

    /** Show no card at all for a patient for whom ketamine is not indicated (a site's choice; off by default). */
    @WithDefault("false")
    boolean hideNotIndicated();

    /** Trusted EHRs by a name of your choice: ketaplan.cds.issuers.NAME.iss / .jwks / .jku */
    Map<String, Issuer> issuers();

    /**
     * The EHR FHIR servers this service may read when a call names one in {@code fhirServer} (base URLs, e.g.
     * https://ehr.example.org/fhir/). Any other URL is refused: the EHR's access token is sent to it. Empty by
     * default: data then comes by prefetch only.
     */
    Optional<List<String>> fhirServers();

    /**
     * Allow an allow-listed FHIR server whose address is loopback, link-local or in a private range (a hospital's
     * internal network). Off by default, so that a listed name later pointed inward is refused.
     */
    @WithDefault("false")
    boolean fhirServerPrivateAddresses();

    /**
     * Browser origins that may call /cds-services cross-site (a CDS Hooks sandbox). Only those paths answer CORS at
     * all; "none" lists no origin.
     */
    @WithDefault("https://sandbox.cds-hooks.org")
    List<String> corsOrigins();

    interface Issuer {
        /** The exact iss claim. */
        String iss();

        /** The issuer's public JWK Set, inline JSON or a file path. */
        String jwks();

        /** jku URLs the issuer may name in its tokens. */
        Optional<List<String>> jku();
    }
}
