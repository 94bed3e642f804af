package org.ketaplan.ehr.cdshooks;

import java.util.Map;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A trusted test EHR with its own ES384 key, and a site that can give both modalities. Quarkus loads this
 * class twice (test and application class loaders); a system property makes both use one key.
 */
public class CdsProfile implements QuarkusTestProfile {

    static final String ISSUER = "https://ehr.test.example/";
    static final ECKey KEY;
    /** The test EHR's FHIR server (a local HttpServer a test starts): the one fhirServer the service may read. */
    static final int FHIR_PORT;

    static {
        try {
            String existing = System.getProperty("ketaplan.test.ehr-key");
            KEY = existing != null ? ECKey.parse(existing) : new ECKeyGenerator(Curve.P_384).keyID("test-ehr-1").generate();
            System.setProperty("ketaplan.test.ehr-key", KEY.toJSONString());
            String port = System.getProperty("ketaplan.test.fhir-port");
            if (port == null) {
                try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                    port = String.valueOf(free.getLocalPort());
                }
                System.setProperty("ketaplan.test.fhir-port", port);
            }
            FHIR_PORT = Integer.parseInt(port);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                // Plain http on loopback, allowed here only because the test configures exactly that.
                "ketaplan.cds.fhir-servers", "http://127.0.0.1:" + FHIR_PORT + "/fhir/",
                "ketaplan.cds.fhir-server-private-addresses", "true",
                "ketaplan.cds.issuers.test.iss", ISSUER,
                "ketaplan.cds.issuers.test.jwks", new JWKSet(KEY.toPublicJWK()).toString(false),
                "ketaplan.cds.issuers.test.jku", "https://ehr.test.example/jwks",
                "ketaplan.site.iv-ketamine-capable", "true",
                "ketaplan.site.esketamine-rems-certified", "true");
    }
}
