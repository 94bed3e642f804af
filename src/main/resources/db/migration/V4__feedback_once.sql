-- One answer per plan, rule and clinician (issue 29: repeated or invented answers skewed the override analytics).
-- Earlier repeats are dropped, keeping each first answer; EHR card feedback (no rule) is not concerned.
delete from feedback_audit where rule_id is not null and id not in (
    select min(id) from feedback_audit where rule_id is not null group by plan_id, rule_id, caller);
create unique index feedback_audit_once on feedback_audit (plan_id, rule_id, caller);
