package org.ketaplan.patient;

public record Setting(Boolean ivKetamineCapable, Boolean esketamineRemsCertified) {
}
