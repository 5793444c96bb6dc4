// Migration 10: spot checks (抽查, plan 四(三) "深入村组抽查困难户") with the seed of each draw.
export const migration010 = `
CREATE TABLE spot_checks (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
  seed INTEGER NOT NULL,
  per_village INTEGER NOT NULL CHECK (per_village > 0),
  drawn_at TEXT NOT NULL,
  drawn_by TEXT NOT NULL
) STRICT;

CREATE TABLE spot_check_items (
  id INTEGER PRIMARY KEY,
  spot_check_id INTEGER NOT NULL REFERENCES spot_checks(id),
  household_id INTEGER NOT NULL REFERENCES households(id),
  village_id INTEGER NOT NULL REFERENCES villages(id),
  checked_on TEXT,
  checker TEXT,
  result TEXT CHECK (result IN ('ok','problem')),
  finding TEXT,
  recorded_at TEXT,
  recorded_by TEXT,
  UNIQUE (spot_check_id, household_id)
) STRICT;
CREATE INDEX spot_check_items_check ON spot_check_items(spot_check_id, village_id);
`;
