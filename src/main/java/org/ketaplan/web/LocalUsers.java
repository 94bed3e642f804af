package org.ketaplan.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.elytron.security.properties.runtime.MPRealmRuntimeConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.SmallRyeConfig;

/**
 * Local users (Basic authentication against users and roles held in configuration) are the default for one machine
 * and for development. They have no lockout, no expiry and no second factor, so a production start refuses them
 * unless an operator says so explicitly; and says loudly when they are in use, or when nobody can sign in at all.
 */
@ApplicationScoped
public class LocalUsers {

    static final String USERS_PREFIX = "quarkus.security.users.embedded.users.";
    private static final Logger LOG = Logger.getLogger(LocalUsers.class);

    private final Config config;
    private final boolean allowed;
    private final boolean oidc;

    public LocalUsers(Config config, @ConfigProperty(name = "ketaplan.security.local-users") boolean allowed,
                      @ConfigProperty(name = "quarkus.oidc.tenant-enabled") boolean oidc) {
        this.config = config;
        this.allowed = allowed;
        this.oidc = oidc;
    }

    void check(@Observes StartupEvent start) {
        long users = count();
        if (users > 0 && !allowed) {
            // Logged here as well: the log's safety filter keeps exception messages out of the log.
            String refusal = "Local users are configured (" + USERS_PREFIX + "*) but not allowed: set "
                    + "KETAPLAN_SECURITY_LOCAL_USERS=true to use them on one machine, or sign users in with OpenID "
                    + "Connect (docs/security.md)";
            LOG.error(refusal);
            throw new IllegalStateException(refusal);
        }
        if (users > 0 && LaunchMode.current() == LaunchMode.NORMAL) {
            LOG.warnf("%d local users can sign in with a password held in configuration: meant for one machine; "
                    + "use OpenID Connect for anything shared (docs/security.md)", users);
        }
        if (users == 0 && !oidc) {
            LOG.warn("No user can sign in (no OpenID Connect provider, no local users): only CDS Hooks calls will be "
                    + "answered (docs/security.md)");
        }
    }

    /** As the realm itself reads them: from any source, environment variables included. */
    long count() {
        return config.unwrap(SmallRyeConfig.class).getConfigMapping(MPRealmRuntimeConfig.class).users().size();
    }
}
