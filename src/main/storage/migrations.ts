/**
 * Numbered schema steps. Never edit a released step: add the next one. PRAGMA user_version holds
 * how many have been applied.
 */
/**
 * The rows the duplicate guard reads: every send that may have landed (delivered, in flight,
 * unknown, or an ambiguous answer). Part of a released migration (the partial index sends_guard):
 * never edit it; the guard's query repeats it word for word so SQLite uses that index.
 */
export const GUARD_SQL = `outcome NOT IN ('rejected', 'unauthorized', 'not_found', 'rate_limited') AND coalesce(disposition, '') NOT IN ('rejected', 'not-sent')`;

export const migrations: readonly string[] = [
  `CREATE TABLE sends (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     profile TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     outcome TEXT NOT NULL,
     name TEXT NOT NULL,
     customer INTEGER NOT NULL,
     data TEXT NOT NULL,
     http_status INTEGER,
     response_body TEXT,
     message TEXT,
     errors TEXT NOT NULL DEFAULT '[]',
     event_id INTEGER,
     event_created_at INTEGER,
     attempts INTEGER NOT NULL DEFAULT 0,
     duration_ms INTEGER
   ) STRICT;
   CREATE INDEX sends_outcome ON sends (outcome, id);`,
  `CREATE TABLE recent_customers (
     profile TEXT NOT NULL,
     id INTEGER NOT NULL,
     name TEXT,
     email TEXT,
     user_id TEXT,
     company TEXT,
     last_seen INTEGER,
     picked_at INTEGER NOT NULL,
     PRIMARY KEY (profile, id)
   ) STRICT;`,
  // Search and filters at a million rows: full-text over name, data, response and message (kept in
  // step by triggers); indexes led by profile so each filter reads ids in order from the index alone
  // (sends_profile is (profile, rowid): the unfiltered newest-first page); event names and known
  // customers for the filter bar and the customer column.
  `CREATE VIRTUAL TABLE sends_fts USING fts5(
     name, data, response_body, message,
     content = 'sends', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
   );
   -- A row is indexed once it has an outcome: a send writes "sending" and then its outcome, and
   -- indexing only the second write keeps one FTS write per send instead of three.
   CREATE TRIGGER sends_fts_insert AFTER INSERT ON sends WHEN new.outcome <> 'sending' BEGIN
     INSERT INTO sends_fts (rowid, name, data, response_body, message) VALUES (new.id, new.name, new.data, new.response_body, new.message);
   END;
   CREATE TRIGGER sends_fts_first_outcome AFTER UPDATE ON sends WHEN old.outcome = 'sending' AND new.outcome <> 'sending' BEGIN
     INSERT INTO sends_fts (rowid, name, data, response_body, message) VALUES (new.id, new.name, new.data, new.response_body, new.message);
   END;
   CREATE TRIGGER sends_fts_update AFTER UPDATE OF name, data, response_body, message ON sends WHEN old.outcome <> 'sending' BEGIN
     INSERT INTO sends_fts (sends_fts, rowid, name, data, response_body, message) VALUES ('delete', old.id, old.name, old.data, old.response_body, old.message);
     INSERT INTO sends_fts (rowid, name, data, response_body, message) VALUES (new.id, new.name, new.data, new.response_body, new.message);
   END;
   CREATE TRIGGER sends_fts_delete AFTER DELETE ON sends WHEN old.outcome <> 'sending' BEGIN
     INSERT INTO sends_fts (sends_fts, rowid, name, data, response_body, message) VALUES ('delete', old.id, old.name, old.data, old.response_body, old.message);
   END;
   INSERT INTO sends_fts (sends_fts) VALUES ('rebuild');
   CREATE INDEX sends_profile ON sends (profile);
   CREATE INDEX sends_profile_created ON sends (profile, created_at, id);
   CREATE INDEX sends_profile_customer ON sends (profile, customer, id);
   CREATE INDEX sends_profile_name ON sends (profile, name, id);
   CREATE INDEX sends_profile_outcome ON sends (profile, outcome, id);
   DROP INDEX sends_outcome;
   CREATE TABLE event_names (
     profile TEXT NOT NULL,
     name TEXT NOT NULL,
     uses INTEGER NOT NULL,
     last_used INTEGER NOT NULL,
     PRIMARY KEY (profile, name)
   ) STRICT;
   INSERT INTO event_names (profile, name, uses, last_used)
     SELECT profile, name, count(*), max(created_at) FROM sends GROUP BY profile, name;
   CREATE TRIGGER event_names_count AFTER INSERT ON sends BEGIN
     INSERT INTO event_names (profile, name, uses, last_used) VALUES (new.profile, new.name, 1, new.created_at)
       ON CONFLICT (profile, name) DO UPDATE SET uses = uses + 1, last_used = max(last_used, excluded.last_used);
   END;
   CREATE TABLE known_customers (
     profile TEXT NOT NULL,
     id INTEGER NOT NULL,
     name TEXT,
     email TEXT,
     PRIMARY KEY (profile, id)
   ) STRICT;
   INSERT INTO known_customers (profile, id, name, email) SELECT profile, id, name, email FROM recent_customers;`,
  // Several processes (the app, CLI runs) share one database: a run registry so crash recovery
  // touches only dead processes' sends, and one rate budget per profile. Full-text indexing leaves
  // the send path: a completed send is marked unindexed and a background indexer catches up.
  `ALTER TABLE sends ADD COLUMN indexed INTEGER NOT NULL DEFAULT 1;
   ALTER TABLE sends ADD COLUMN run_id TEXT;
   UPDATE sends SET indexed = 0 WHERE outcome = 'sending';
   DROP TRIGGER sends_fts_first_outcome;
   DROP TRIGGER sends_fts_update;
   DROP TRIGGER sends_fts_delete;
   CREATE TRIGGER sends_fts_update AFTER UPDATE OF name, data, response_body, message ON sends WHEN old.indexed = 1 BEGIN
     INSERT INTO sends_fts (sends_fts, rowid, name, data, response_body, message) VALUES ('delete', old.id, old.name, old.data, old.response_body, old.message);
     INSERT INTO sends_fts (rowid, name, data, response_body, message) VALUES (new.id, new.name, new.data, new.response_body, new.message);
   END;
   CREATE TRIGGER sends_fts_delete AFTER DELETE ON sends WHEN old.indexed = 1 BEGIN
     INSERT INTO sends_fts (sends_fts, rowid, name, data, response_body, message) VALUES ('delete', old.id, old.name, old.data, old.response_body, old.message);
   END;
   CREATE INDEX sends_unindexed ON sends (id) WHERE indexed = 0;
   CREATE INDEX sends_sending ON sends (run_id) WHERE outcome = 'sending';
   CREATE TABLE runs (
     id TEXT PRIMARY KEY,
     pid INTEGER NOT NULL,
     host TEXT NOT NULL,
     kind TEXT NOT NULL,
     started_at INTEGER NOT NULL,
     heartbeat_at INTEGER NOT NULL
   ) STRICT;
   CREATE TABLE rate_budgets (
     profile TEXT PRIMARY KEY,
     next_at REAL NOT NULL,
     paused_until REAL NOT NULL
   ) STRICT;`,
  // Replay: a fingerprint per send (name + customer + canonical data) for the duplicate guard, and
  // the job journal (a job, and per item its state, attempts and the history entry it produced).
  // Fingerprints of earlier sends are filled in by the app at startup (see backfillFingerprints).
  `ALTER TABLE sends ADD COLUMN fingerprint TEXT;
   CREATE INDEX sends_delivered ON sends (profile, fingerprint) WHERE outcome = 'sent';
   -- Sends recorded before fingerprints existed: the start-up backfill reads this, not the table.
   CREATE INDEX sends_unprinted ON sends (id) WHERE fingerprint IS NULL AND outcome = 'sent';
   CREATE TABLE jobs (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     profile TEXT NOT NULL,
     source TEXT NOT NULL,
     state TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     owner_run TEXT,
     send_duplicates INTEGER NOT NULL DEFAULT 0,
     rate_per_minute INTEGER,
     lines INTEGER NOT NULL DEFAULT 0,
     invalid INTEGER NOT NULL DEFAULT 0,
     duplicates INTEGER NOT NULL DEFAULT 0,
     note TEXT
   ) STRICT;
   CREATE INDEX jobs_profile ON jobs (profile, id);
   CREATE TABLE job_items (
     job_id INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
     seq INTEGER NOT NULL,
     line INTEGER NOT NULL,
     state TEXT NOT NULL,
     name TEXT,
     customer INTEGER,
     data TEXT,
     fingerprint TEXT,
     error TEXT,
     attempts INTEGER NOT NULL DEFAULT 0,
     http_status INTEGER,
     event_id INTEGER,
     history_id INTEGER,
     updated_at INTEGER,
     PRIMARY KEY (job_id, seq)
   ) STRICT, WITHOUT ROWID;
   CREATE INDEX job_items_state ON job_items (job_id, state, seq);`,
  // Saved events: a library per profile (soft-deleted for a few seconds of undo), and which saved
  // event produced a send.
  `CREATE TABLE saved_events (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     profile TEXT NOT NULL,
     title TEXT NOT NULL,
     name TEXT NOT NULL,
     description TEXT NOT NULL DEFAULT '',
     template TEXT NOT NULL,
     fields TEXT NOT NULL DEFAULT '[]',
     default_customer INTEGER,
     tags TEXT NOT NULL DEFAULT '[]',
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     deleted_at INTEGER
   ) STRICT;
   CREATE UNIQUE INDEX saved_events_title ON saved_events (profile, title) WHERE deleted_at IS NULL;
   ALTER TABLE sends ADD COLUMN saved_event_id INTEGER;`,
  // The outbox: composer sends that provably did not reach HelpCrunch for a transient reason, kept
  // until they can be sent (oldest first), claimed by the process sending them.
  `CREATE TABLE outbox (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     profile TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     state TEXT NOT NULL,
     name TEXT NOT NULL,
     customer INTEGER NOT NULL,
     data TEXT NOT NULL,
     saved_event_id INTEGER,
     attempts INTEGER NOT NULL DEFAULT 0,
     last_error TEXT,
     next_attempt_at INTEGER NOT NULL,
     claimed_by TEXT,
     history_id INTEGER,
     removed_at INTEGER
   ) STRICT;
   CREATE INDEX outbox_queue ON outbox (profile, state, id);`,
  // Several HelpCrunch accounts: each profile has its own key (keychain account), base URL and
  // retention (a settings file each), budget, colour and a production flag; today's data is "Default".
  `CREATE TABLE profiles (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     per_minute INTEGER NOT NULL DEFAULT 120,
     colour TEXT NOT NULL DEFAULT '#1f6feb',
     production INTEGER NOT NULL DEFAULT 0,
     created_at INTEGER NOT NULL
   ) STRICT;
   CREATE UNIQUE INDEX profiles_name ON profiles (name COLLATE NOCASE);
   INSERT INTO profiles (id, name, created_at) VALUES ('default', 'Default', 0);
   CREATE TABLE app_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;`,
  // The first rule (an intended event lands at most once): what each send's outcome means is stored
  // with it (delivered, rejected, not-sent, maybe-landed); the duplicate guard reads every row that
  // may have landed (delivered, in flight, unknown) through one partial index. Rows written before
  // this keep a NULL disposition and are read by their outcome (conservatively). Job items and
  // outbox items remember the user's explicit "send again"; a job may opt in to retrying answers
  // that may have landed.
  `ALTER TABLE sends ADD COLUMN disposition TEXT;
   DROP INDEX IF EXISTS sends_delivered;
   CREATE INDEX sends_guard ON sends (profile, fingerprint) WHERE ${GUARD_SQL};
   ALTER TABLE job_items ADD COLUMN allow_duplicate INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE jobs ADD COLUMN retry_maybe_landed INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE outbox ADD COLUMN allow_duplicate INTEGER NOT NULL DEFAULT 0;`,
  // The origin (scheme://host:port of the API base URL) each outbox item and job was made for: they
  // are never sent to another origin without the user's say. NULL for rows made before (not checked).
  `ALTER TABLE outbox ADD COLUMN origin TEXT;
   ALTER TABLE jobs ADD COLUMN origin TEXT;`,
  // A job's lease: lease_epoch is a fencing number, raised by every claim, that marking an item
  // "sending" must match; lease_until (renewed while the owner runs) tells a stalled owner from a busy one.
  `ALTER TABLE jobs ADD COLUMN lease_epoch INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE jobs ADD COLUMN lease_until INTEGER;`,
  // The shared budget's log of when requests really started (checked and appended right before each
  // request): a process that stalls after its slot was reserved cannot put N + 1 in a window.
  `CREATE TABLE rate_starts (profile TEXT NOT NULL, at REAL NOT NULL) STRICT;
   CREATE INDEX rate_starts_profile ON rate_starts (profile, at);
   CREATE INDEX rate_starts_at ON rate_starts (at);`,
  // Fingerprints of rows from before them are filled in the background, a range of ids at a time,
  // with its cursor in app_state ('fingerprint_backfill': "cursor/end", then "done"); until it is
  // done the duplicate guard also reads unprinted rows (HistoryRepository.guardMatch). A history
  // with no rows has nothing to fill. The old start-up backfill's partial index is no longer read.
  // (sends_profile stays: the unfiltered newest-first page reads it; without it that page sorts
  // every row of the profile.)
  `DROP INDEX IF EXISTS sends_unprinted;
   INSERT INTO app_state (key, value) SELECT 'fingerprint_backfill', 'done' WHERE NOT EXISTS (SELECT 1 FROM sends)
     ON CONFLICT (key) DO NOTHING;`,
  // One library for every account: saved events were each profile's own; now they are shared
  // (profile = '*') unless limited to some accounts (saved_event_accounts; no row: every account).
  // A title used in two accounts keeps both, each suffixed with its account's name ("Refund issued
  // (Production)"); a suffixed title that is still taken gets the row id too. An account deleted
  // later takes the saved events limited to it alone with it, and leaves the others.
  `CREATE TABLE saved_event_accounts (
     saved_event_id INTEGER NOT NULL REFERENCES saved_events (id) ON DELETE CASCADE,
     profile TEXT NOT NULL,
     PRIMARY KEY (saved_event_id, profile)
   ) STRICT, WITHOUT ROWID;
   CREATE INDEX saved_event_accounts_profile ON saved_event_accounts (profile);
   DELETE FROM saved_events WHERE deleted_at IS NOT NULL;
   CREATE TEMP TABLE shared_titles AS
     SELECT s.id, s.title || ' (' || coalesce(p.name, s.profile) || ')' AS suffix_title
     FROM saved_events s LEFT JOIN profiles p ON p.id = s.profile
     WHERE EXISTS (SELECT 1 FROM saved_events o WHERE o.title = s.title AND o.profile <> s.profile);
   UPDATE saved_events SET title = (SELECT CASE WHEN length(t.suffix_title) <= 120 THEN t.suffix_title
       ELSE substr(saved_events.title, 1, 120 - (length(t.suffix_title) - length(saved_events.title))) || substr(t.suffix_title, length(saved_events.title) + 1) END
     FROM shared_titles t WHERE t.id = saved_events.id)
     WHERE id IN (SELECT id FROM shared_titles);
   UPDATE saved_events SET title = substr(title, 1, 110) || ' (' || id || ')'
     WHERE EXISTS (SELECT 1 FROM saved_events o WHERE o.title = saved_events.title AND o.id < saved_events.id);
   DROP TABLE shared_titles;
   UPDATE saved_events SET profile = '*';
   CREATE TRIGGER saved_event_accounts_profile_deleted AFTER DELETE ON profiles BEGIN
     DELETE FROM saved_events WHERE id IN (SELECT saved_event_id FROM saved_event_accounts WHERE profile = old.id)
       AND NOT EXISTS (SELECT 1 FROM saved_event_accounts a WHERE a.saved_event_id = saved_events.id AND a.profile <> old.id);
     DELETE FROM saved_event_accounts WHERE profile = old.id;
   END;`,
  // Which outbox item a send attempt belongs to (the user's own send that was queued, and each of the
  // outbox's tries that found HelpCrunch still unreachable): History shows those as "In the outbox"
  // while the item waits, and "Sent later" once the outbox delivered it (delivered_as: that send),
  // never as a failure to send again. A table of its own, so the upgrade touches no row of a large
  // history; the links of an item that leaves the outbox undelivered go with it.
  `CREATE TABLE outbox_attempts (
     history_id INTEGER PRIMARY KEY,
     item INTEGER NOT NULL,
     delivered_as INTEGER
   ) STRICT;
   CREATE INDEX outbox_attempts_item ON outbox_attempts (item);
   CREATE TRIGGER outbox_attempts_item_deleted AFTER DELETE ON outbox BEGIN
     DELETE FROM outbox_attempts WHERE item = old.id AND delivered_as IS NULL;
   END;`,
  // The tracking plan's verdict on each send it warned about (sent anyway), written with the send's
  // first row: its violations, and whether the person confirmed sending against the plan. A table of
  // its own, so the upgrade touches no row of a large history. Blocked sends never get a history row:
  // plan_blocks counts them (name and time only) for the Plan view's violation counts.
  `CREATE TABLE plan_marks (
     send_id INTEGER PRIMARY KEY,
     verdict TEXT NOT NULL,
     violations TEXT NOT NULL,
     overridden INTEGER NOT NULL DEFAULT 0
   ) STRICT;
   CREATE TRIGGER plan_marks_send_deleted AFTER DELETE ON sends BEGIN
     DELETE FROM plan_marks WHERE send_id = old.id;
   END;
   CREATE TABLE plan_blocks (
     profile TEXT NOT NULL,
     name TEXT NOT NULL,
     at INTEGER NOT NULL
   ) STRICT;
   CREATE INDEX plan_blocks_profile ON plan_blocks (profile, at);
   CREATE TRIGGER plan_blocks_profile_deleted AFTER DELETE ON profiles BEGIN
     DELETE FROM plan_blocks WHERE profile = old.id;
   END;`,
  // A job's note and an outbox item's reason as a code and its figures (note and last_error keep the
  // English for the CLI): the window words them in its language. New columns only, NULL before.
  `ALTER TABLE jobs ADD COLUMN note_words TEXT;
   ALTER TABLE outbox ADD COLUMN last_error_words TEXT;`,
  // Saved events that live in a workspace folder's saved/ (docs/tracking-plan.md, "Saved events in the
  // workspace"): which file each mirrors, in which folder, the hash of the file's bytes as last read or
  // written ('' once the app removed the file for a delete that can still be undone) and the hash of
  // the row's content then, so an edit made elsewhere (git pull) is told apart from one made in the
  // library. A saved event without a row here is this computer's own and is never written to a workspace.
  `CREATE TABLE saved_event_files (
     saved_event_id INTEGER PRIMARY KEY,
     workspace TEXT NOT NULL,
     file TEXT NOT NULL,
     hash TEXT NOT NULL,
     content TEXT NOT NULL
   ) STRICT;
   CREATE UNIQUE INDEX saved_event_files_file ON saved_event_files (workspace, file);
   CREATE TRIGGER saved_event_files_saved_deleted AFTER DELETE ON saved_events BEGIN
     DELETE FROM saved_event_files WHERE saved_event_id = old.id;
   END;`,
  // The Plan view's 30 days as delivered sends per account, hour and event name, kept by the
  // statements that write sends (docs/tracking-plan.md, "The Plan view"): reading them costs the
  // same at a million sends as at ten, where grouping the window's sends took ~0.4 s. Hours, not
  // days, so the view's 24-hour buckets start on any hour; read a name at a time (its hours in order,
  // no sort of the whole window). `newest` is the latest delivery in the hour (a delete of that send
  // looks the hour up again). Filled once from the history (~2 s at a million sends).
  // The overview's warned counts, read from plan_marks alone: each mark gets its send's account, name
  // and time (a trigger, so every writer of marks gets them; one lookup per warned send), where a join
  // to sends cost a random read per mark (~0.1 s at 25,000). The outbox_attempts index finds the send
  // an outbox item was delivered as, so its attempts and that send count as one intended send.
  `CREATE TABLE send_hours (
     profile TEXT NOT NULL,
     hour INTEGER NOT NULL,
     name TEXT NOT NULL,
     sent INTEGER NOT NULL,
     newest INTEGER NOT NULL,
     PRIMARY KEY (profile, name, hour)
   ) STRICT, WITHOUT ROWID;
   -- The start-up upkeep forgets emptied hours (PlanMarks.prune) through this, without reading every hour.
   CREATE INDEX send_hours_empty ON send_hours (profile) WHERE sent <= 0;
   INSERT INTO send_hours (profile, hour, name, sent, newest)
     SELECT profile, created_at / 3600000, name, count(*), max(created_at) FROM sends WHERE outcome = 'sent' GROUP BY 1, 2, 3;
   CREATE TRIGGER send_hours_insert AFTER INSERT ON sends WHEN new.outcome = 'sent' BEGIN
     INSERT INTO send_hours (profile, hour, name, sent, newest) VALUES (new.profile, new.created_at / 3600000, new.name, 1, new.created_at)
       ON CONFLICT (profile, name, hour) DO UPDATE SET sent = sent + 1, newest = max(newest, excluded.newest);
   END;
   CREATE TRIGGER send_hours_update AFTER UPDATE OF outcome, profile, name, created_at ON sends
     WHEN (old.outcome = 'sent') <> (new.outcome = 'sent')
       OR (new.outcome = 'sent' AND (old.profile <> new.profile OR old.name <> new.name OR old.created_at <> new.created_at)) BEGIN
     UPDATE send_hours SET sent = sent - 1,
       newest = CASE WHEN old.created_at < newest THEN newest ELSE coalesce((SELECT max(created_at) FROM sends
         WHERE profile = old.profile AND created_at >= hour * 3600000 AND created_at < (hour + 1) * 3600000 AND name = old.name AND outcome = 'sent'), 0) END
       WHERE old.outcome = 'sent' AND profile = old.profile AND hour = old.created_at / 3600000 AND name = old.name;
     INSERT INTO send_hours (profile, hour, name, sent, newest) SELECT new.profile, new.created_at / 3600000, new.name, 1, new.created_at WHERE new.outcome = 'sent'
       ON CONFLICT (profile, name, hour) DO UPDATE SET sent = sent + 1, newest = max(newest, excluded.newest);
   END;
   CREATE TRIGGER send_hours_delete AFTER DELETE ON sends WHEN old.outcome = 'sent' BEGIN
     UPDATE send_hours SET sent = sent - 1,
       newest = CASE WHEN old.created_at < newest THEN newest ELSE coalesce((SELECT max(created_at) FROM sends
         WHERE profile = old.profile AND created_at >= hour * 3600000 AND created_at < (hour + 1) * 3600000 AND name = old.name AND outcome = 'sent'), 0) END
       WHERE profile = old.profile AND hour = old.created_at / 3600000 AND name = old.name;
   END;
   CREATE INDEX outbox_attempts_delivered ON outbox_attempts (delivered_as) WHERE delivered_as IS NOT NULL;
   ALTER TABLE plan_marks ADD COLUMN profile TEXT;
   ALTER TABLE plan_marks ADD COLUMN name TEXT;
   ALTER TABLE plan_marks ADD COLUMN at INTEGER;
   UPDATE plan_marks SET (profile, name, at) = (SELECT profile, name, created_at FROM sends WHERE id = plan_marks.send_id);
   CREATE INDEX plan_marks_window ON plan_marks (profile, at, name, overridden);
   CREATE TRIGGER plan_marks_window AFTER INSERT ON plan_marks WHEN new.profile IS NULL BEGIN
     UPDATE plan_marks SET (profile, name, at) = (SELECT profile, name, created_at FROM sends WHERE id = new.send_id) WHERE send_id = new.send_id;
   END;`,
];
