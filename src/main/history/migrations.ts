/**
 * Numbered schema steps. Never edit a released step: add the next one. PRAGMA user_version holds
 * how many have been applied.
 */
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
];
