package org.ketaplan.plan;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * What this site can give (prefix {@code ketaplan.site}), as the rules need it (CI-15, MOD-04): the values every
 * plan uses where its request does not say (an EHR record never does, and a clinician need not enter them at each
 * visit); a request's {@code setting} overrides them field by field. Unknown unless configured.
 */
@ConfigMapping(prefix = "ketaplan.site")
public interface SiteConfig {

    /** An ACLS-capable clinician and monitoring for IV ketamine. */
    Optional<Boolean> ivKetamineCapable();

    /** Certified under the Spravato REMS. */
    Optional<Boolean> esketamineRemsCertified();

    /** As the facts need them. */
    default Site site() {
        return new Site(ivKetamineCapable().orElse(null), esketamineRemsCertified().orElse(null));
    }

    /** What a site can give; null is unknown. */
    record Site(Boolean ivKetamineCapable, Boolean esketamineRemsCertified) {
        public static final Site UNKNOWN = new Site(null, null);
    }
}
