/**
 * Where a scenario's system keeps its data: `embedded` = the default system (no DATABASE_URL: the
 * system starts its own PostgreSQL server in its DATA_DIR, as `npm start` does); `postgres` = an
 * external server (`--postgres-url`), a database created per run and dropped after.
 */
export type DatabaseKind = 'embedded' | 'postgres';

/** What a benchmark scenario gets, and what it reports. */
export interface ScenarioContext {
  /** The folder with the shared benchmark data (`--shared`). */
  sharedDir: string;
  /** Which databases to run on, where the scenario uses one. */
  databases: DatabaseKind[];
  /** The external PostgreSQL server's URL, for the `postgres` kind. */
  postgresUrl: string;
  /** A smaller run for a quick look; the README's figures come from full runs. */
  quick: boolean;
  log: (line: string) => void;
}

export interface ScenarioResult {
  rows: Array<Record<string, string | number>>;
  summary: string[];
}

export interface Scenario {
  name: string;
  title: string;
  run(context: ScenarioContext): Promise<ScenarioResult>;
}
