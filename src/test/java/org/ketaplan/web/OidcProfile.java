package org.ketaplan.web;

import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.ketaplan.ehr.cdshooks.CdsProfile;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

/**
 * Users signed in by an OpenID Connect provider, played by a key this test generates: the service verifies each
 * token's RS256 signature against the provider's public key, its issuer, audience and expiry (quarkus-oidc, as in
 * production, with the key given directly instead of discovered). The trusted test EHR of CdsProfile stays
 * configured, to show its JWTs are still judged by the CDS Hooks routes and not as users' tokens. Quarkus loads
 * this class twice (test and application class loaders); a system property makes both use one key.
 */
public class OidcProfile extends CdsProfile {

    static final String ISSUER = "https://idp.test.example/realms/clinic";
    static final String AUDIENCE = "ketaplan";
    static final RSAKey KEY;

    static {
        try {
            String existing = System.getProperty("ketaplan.test.oidc-key");
            KEY = existing != null ? RSAKey.parse(existing) : new RSAKeyGenerator(2048).keyID("idp-1").generate();
            System.setProperty("ketaplan.test.oidc-key", KEY.toJSONString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("quarkus.oidc.tenant-enabled", "true");
            config.put("quarkus.oidc.application-type", "service");
            config.put("quarkus.oidc.client-id", AUDIENCE);
            config.put("quarkus.oidc.public-key",
                    Base64.getEncoder().encodeToString(KEY.toRSAPublicKey().getEncoded()));
            config.put("quarkus.oidc.token.issuer", ISSUER);
            config.put("quarkus.oidc.token.audience", AUDIENCE);
            // A site's provider names its groups its own way: mapped onto the service's roles.
            config.put("quarkus.http.auth.roles-mapping.\"psychiatry-staff\"", "clinician");
            return config;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
