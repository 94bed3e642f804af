package org.ketaplan.facts;

public record MedicalHistory(
        Boolean aneurysmalVascularDisease,
        Boolean arteriovenousMalformation,
        Boolean intracerebralHemorrhage,
        Boolean elevatedIntracranialPressure,
        Boolean recentStrokeOrBrainInjury,
        Boolean unstableCardiacDisease,
        Boolean stableCoronaryDisease,
        Boolean hypertension,
        Boolean hypertensiveEncephalopathy,
        HepaticImpairment hepaticImpairment,
        Boolean preeclampsia,
        Boolean uncontrolledHyperthyroidism,
        Boolean interstitialCystitis,
        Boolean ketamineHypersensitivity) {
}
