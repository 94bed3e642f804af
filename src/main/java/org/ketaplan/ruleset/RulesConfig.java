package org.ketaplan.ruleset;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the rules are and how a running service follows edits to them (prefix {@code ketaplan.rules}). */
@ConfigMapping(prefix = "ketaplan.rules")
public interface RulesConfig {

    /** The rules directory; relative paths resolve against the working directory (/deployments in the image). */
    @WithDefault("rules")
    String dir();

    /** Reload when a file in the directory changes (on in dev mode). */
    @WithDefault("false")
    boolean watch();

    /** Quiet time after the last file event before a reload starts: editors save in several steps. */
    @WithDefault("200")
    long watchDebounceMs();

    /**
     * Accept candidate rules uploaded for a check ({@code POST :9000/api/v1/rules/check}). They run inside the
     * service, as a reload's do: off unless a site trusts its clinical leads as it trusts those who change the
     * mounted rules (docs/security.md).
     */
    @WithDefault("false")
    boolean checkUpload();

    /**
     * The build's compiled and gated rule set ({@link RuleSnapshot}): "auto" uses the one beside quarkus-run.jar,
     * "none" never uses one, anything else is its path. Used only when the rules directory and the application
     * match the ones it was made from exactly.
     */
    @WithDefault("auto")
    String snapshot();

    /**
     * Build the rules again in the background after a start-up that compiled them, so that a lead's first reload is
     * not a cold one. Never after a start from the build's snapshot: a new replica's cores are its first plans'.
     */
    @WithDefault("true")
    boolean warmUp();
}
