-- 0002: indexes on referencing columns and for the audit history.
--
-- Neither database indexes the referencing side of a foreign key by itself,
-- so each RESTRICT check on deleting a goal, partner or indicator would scan
-- the whole child table. The audit history is read per partnership, entity
-- and key, newest first. Indicators are read in display order (position,
-- slug), and with their figures in key order lets SQLite stream a bundle's
-- figures without sorting them.

CREATE INDEX indicators_goal_idx ON indicators (partnership_id, goal_id);
CREATE INDEX indicators_steward_idx ON indicators (partnership_id, steward_partner_id);
CREATE INDEX indicators_predicts_idx ON indicators (partnership_id, predicts_indicator_id);
CREATE INDEX partner_indicators_indicator_idx ON partner_indicators (partnership_id, indicator_id);
CREATE INDEX audit_log_lookup_idx ON audit_log (partnership_id, entity, entity_key, at, id);
CREATE INDEX indicators_order_idx ON indicators (partnership_id, position, slug);
