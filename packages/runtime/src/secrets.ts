import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface Secrets {
  adminToken: string;
  internalToken: string;
  /** HMAC key that signs students' access tokens. */
  tokenSecret: string;
  /** Tokens that were not given in the environment: read from, or generated into, `DATA_DIR`. */
  fromDataDir: Array<'adminToken' | 'internalToken' | 'tokenSecret'>;
}

type Stored = Partial<Pick<Secrets, 'adminToken' | 'internalToken' | 'tokenSecret'>>;

const newSecret = () => randomBytes(32).toString('base64url');

/**
 * Tokens from the environment win; any that are unset are read from `DATA_DIR/secrets.json`,
 * or generated once and saved there (readable by the owner only).
 */
export interface SecretSources {
  dataDir: string;
  adminToken?: string | undefined;
  internalToken?: string | undefined;
  tokenSecret?: string | undefined;
}

export function loadSecrets(config: SecretSources): Secrets {
  const file = path.join(config.dataDir, 'secrets.json');
  let stored: Stored = {};
  try {
    stored = JSON.parse(readFileSync(file, 'utf8')) as Stored;
  } catch {
    // first start: nothing saved yet
  }
  const fromDataDir: Secrets['fromDataDir'] = [];
  let changed = false;
  const pick = (key: keyof Stored, fromEnv: string | undefined): string => {
    if (fromEnv) return fromEnv;
    fromDataDir.push(key);
    const existing = stored[key];
    if (existing) return existing;
    changed = true;
    stored[key] = newSecret();
    return stored[key];
  };
  const secrets: Secrets = {
    adminToken: pick('adminToken', config.adminToken),
    internalToken: pick('internalToken', config.internalToken),
    tokenSecret: pick('tokenSecret', config.tokenSecret),
    fromDataDir,
  };
  if (changed) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  }
  return secrets;
}
