-- One answer per plan, rule and clinician (issue 29: repeated or invented answers skewed the override analytics).
-- Earlier repeats are dropped, keeping each first answer; EHR card feedback (no rule) is not concerned.
delete from feedback_audit f where f.rule_id is not null and exists (
    select 1 from feedback_audit e where e.plan_id = f.plan_id and e.rule_id = f.rule_id and e.caller = f.caller
    and e.id < f.id);
create unique index feedback_audit_once on feedback_audit (plan_id, rule_id, caller);
