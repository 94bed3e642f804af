/**
 * What the rules write: every item a rule may insert (Triage, Eligibility, Clearance, MissingData, Flag,
 * SeriesProposal, ...) and the enumerations of the contract's plan vocabulary. Each item carries the text the
 * plan's rationale shows. May use facts (enumerations such as Modality and Instrument); nothing else.
 */
package org.ketaplan.conclusions;
