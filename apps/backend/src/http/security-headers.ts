import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

type Policy = Record<string, string[]>;

/**
 * The web app's policy. Students' and operators' tokens live in browser storage, so only the app's own
 * files may run: Vite emits no inline script or style, React sets styles through the DOM (which a policy
 * does not restrict), and every request goes to the Backend's own origin.
 */
const WEB_APP_POLICY: Policy = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/**
 * The API docs (Swagger UI at /docs): its own files too, but its bundle adds a `<style>` element of its
 * own, so this page alone may use inline styles. Scripts stay its own files only.
 */
const DOCS_POLICY: Policy = {
  ...WEB_APP_POLICY,
  'style-src': ["'self'", "'unsafe-inline'"],
};

/** A policy as the Content-Security-Policy header spells it. */
const headerValue = (policy: Policy) =>
  Object.entries(policy)
    .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
    .join('; ');

/** For @fastify/swagger-ui's `staticCSP`, which replaces the header on the docs routes only. */
export const DOCS_CONTENT_SECURITY_POLICY = headerValue(DOCS_POLICY);

/**
 * Security headers on every response: the policy above, nosniff, no framing, no referrer. No HSTS: TLS
 * ends in front of the Backend (plain HTTP on a school's network is a supported setup), so HSTS belongs
 * to whatever terminates it.
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: WEB_APP_POLICY },
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}
