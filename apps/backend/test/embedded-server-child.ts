import { startEmbeddedServer } from '../src/db/embedded-server.ts';

// A parent for the "killed parent" test: starts a server in the folder it is given, says so, waits.
const server = await startEmbeddedServer({ dataDir: process.argv[2]!, throwaway: true });
process.stdout.write(`ready ${server.port}\n`);
setInterval(() => {}, 60_000);
