-- PostgreSQL dialect; keep in step with ../sqlite/V4__review_marks.sql.
-- Review marks (issue 19): 'dubious' (a person doubts the label, which stays), 'reset' (an undo
-- back to the model's prediction; label NULL, so the image counts where an unreviewed one does),
-- and undoes: the review an undo reverses (NULL for ordinary reviews). The log stays append-only.
ALTER TABLE annotation DROP CONSTRAINT IF EXISTS annotation_action_check;
ALTER TABLE annotation ADD CONSTRAINT annotation_action_check
    CHECK (action IN ('validate', 'correct', 'dubious', 'reset'));
ALTER TABLE annotation ALTER COLUMN label DROP NOT NULL;
ALTER TABLE annotation ADD COLUMN undoes BIGINT;
