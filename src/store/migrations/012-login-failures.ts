// Migration 12: sign-in protection — consecutive wrong passwords per username (known or not, so that the answer
// does not reveal which names exist), and until when a login is refused.
export const migration012 = `
CREATE TABLE login_failures (
  username TEXT PRIMARY KEY,
  failures INTEGER NOT NULL CHECK (failures > 0),
  last_failure_at TEXT NOT NULL
) STRICT;
`;
