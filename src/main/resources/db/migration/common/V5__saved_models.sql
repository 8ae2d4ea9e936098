-- Saved models (issue 9): one row per run whose model was saved; exactly one is current.
-- Numbered 9 after the issue, leaving room for other versioned migrations before it.
CREATE TABLE segment_model (
    run_id         VARCHAR(64)   NOT NULL PRIMARY KEY,
    -- The model's folder (model.json, clusterer.model, members.csv) on the machine that saved it.
    model_dir      VARCHAR(2000) NOT NULL,
    format_version INTEGER       NOT NULL,
    segments       INTEGER       NOT NULL,
    created_at     TIMESTAMP     NOT NULL,
    is_current     BOOLEAN       NOT NULL
);
