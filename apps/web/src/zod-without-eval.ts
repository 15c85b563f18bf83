import { config } from 'zod';

// Zod probes for eval (`Function('')`) as its schemas are built, to compile fast parsers. The page's
// Content-Security-Policy forbids eval, so the probe would be refused and reported as a violation on every
// load: tell Zod not to compile, before @coach/core builds any schema. The web app parses nothing hot.
config({ jitless: true });
