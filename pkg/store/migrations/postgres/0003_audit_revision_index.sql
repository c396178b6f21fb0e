-- 0003: the latest audit row of a partnership is its data revision.
--
-- Every change to a partnership's data writes an audit row in the same
-- transaction, so MAX(id) per partnership tells a reader whether anything
-- changed since it last looked. This index makes that one index probe.

CREATE INDEX audit_log_revision_idx ON audit_log (partnership_id, id);
