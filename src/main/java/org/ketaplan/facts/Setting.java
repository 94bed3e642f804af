package org.ketaplan.facts;

public record Setting(Boolean ivKetamineCapable, Boolean esketamineRemsCertified) {
}
