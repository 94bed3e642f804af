package org.ketaplan.ehr.cdshooks;

import jakarta.enterprise.context.RequestScoped;

/** Who made this CDS Hooks call: the verified issuer of its JWT, for the audit record. */
@RequestScoped
public class CdsCaller {

    private String issuer = "unsigned";

    public String issuer() {
        return issuer;
    }

    void verified(String issuer) {
        this.issuer = issuer == null ? "unknown issuer" : issuer;
    }
}
