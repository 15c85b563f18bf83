/** What a benchmark scenario gets, and what it reports. */
export interface ScenarioContext {
  /** `../shared` beside the repository (the shared benchmark data). */
  sharedDir: string;
  /** Which databases to run on, where the scenario uses one. */
  databases: Array<'pglite' | 'postgres'>;
  /** PostgreSQL server URL (a database is created per run and dropped after). */
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
