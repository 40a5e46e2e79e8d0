-- SQLite dialect; keep in step with ../postgresql/V6__prediction_history.sql.
-- Earlier predictions (issue 19, item 5): when a retrained model version is activated every stored
-- image is classified again, and its prediction until then is appended here first, so the history of
-- what each model said stays (reviews are in annotation and never change on a re-prediction).
-- predicted_at: when the image row's prediction was made, NULL for rows classified at upload (their
-- created time is it). In prediction_history, predicted_at is when the old prediction was made and
-- replaced_at when a newer one took its place. probabilities: the whole vector, as in image.
ALTER TABLE image ADD COLUMN predicted_at TEXT;
CREATE TABLE prediction_history (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    image_id        INTEGER NOT NULL REFERENCES image(id) ON DELETE CASCADE,
    model_id        TEXT NOT NULL,
    predicted_class TEXT NOT NULL,
    predicted_prob  REAL NOT NULL,
    margin          REAL,
    accepted        INTEGER,
    probabilities   TEXT NOT NULL,
    predicted_at    TEXT NOT NULL,
    replaced_at     TEXT NOT NULL
);
CREATE INDEX prediction_history_image ON prediction_history (image_id, id);
