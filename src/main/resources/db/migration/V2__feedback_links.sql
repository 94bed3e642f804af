-- Override analytics (docs/audit.md): each feedback names the plan it is about, the rule it is about when the
-- clinician answered for one recommendation (the page), and the coded reason of an override. Never free text.
alter table feedback_audit add column plan_id varchar(64);
alter table feedback_audit add column rule_id varchar(40);
alter table feedback_audit add column reason varchar(64);
create index feedback_audit_plan_id on feedback_audit (plan_id);
