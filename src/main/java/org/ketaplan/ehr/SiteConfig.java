package org.ketaplan.ehr;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * What this site can give (prefix {@code ketaplan.site}), as the rules need it (CI-15, MOD-04): the values an EHR
 * call's plan uses, since an EHR record does not say what the clinic can do. Unknown unless configured.
 */
@ConfigMapping(prefix = "ketaplan.site")
public interface SiteConfig {

    /** An ACLS-capable clinician and monitoring for IV ketamine. */
    Optional<Boolean> ivKetamineCapable();

    /** Certified under the Spravato REMS. */
    Optional<Boolean> esketamineRemsCertified();
}
