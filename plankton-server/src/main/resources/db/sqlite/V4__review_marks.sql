-- SQLite dialect; keep in step with ../postgresql/V4__review_marks.sql.
-- Review marks (issue 19): 'dubious' (a person doubts the label, which stays), 'reset' (an undo
-- back to the model's prediction; label NULL, so the image counts where an unreviewed one does),
-- and undoes: the review an undo reverses (NULL for ordinary reviews). The log stays append-only:
-- an undo is a new row restoring the state before the review it reverses.
-- SQLite cannot alter a CHECK constraint, so the table is rebuilt with its ids kept.
CREATE TABLE annotation_v4 (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    image_id INTEGER NOT NULL REFERENCES image(id) ON DELETE CASCADE,
    action   TEXT NOT NULL CHECK (action IN ('validate', 'correct', 'dubious', 'reset')),
    label    TEXT,
    who      TEXT NOT NULL,
    created  TEXT NOT NULL,
    undoes   INTEGER
);
INSERT INTO annotation_v4 (id, image_id, action, label, who, created)
    SELECT id, image_id, action, label, who, created FROM annotation;
DROP TABLE annotation;
ALTER TABLE annotation_v4 RENAME TO annotation;
CREATE INDEX annotation_image ON annotation (image_id, id);
