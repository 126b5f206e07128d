import type { FastifyServerOptions } from 'fastify';

/**
 * What the request log may not hold: the install code, signed_payload_jwt (a replayable admin login
 * until it expires), tokens and keys in query strings, and credentials in headers. Applied to every log
 * line the server writes; the lifecycle callbacks keep no query string at all.
 */
const SECRET_PARAM = /token|code|signed_payload|secret|password|jwt|key|session|auth/i;
const LIFECYCLE_PATHS = new Set(['/auth', '/load', '/uninstall', '/remove_user']);
const REDACTED = '[redacted]';

export function redactUrl(url: string): string {
  const mark = url.indexOf('?');
  if (mark === -1) return url;
  const path = url.slice(0, mark);
  if (LIFECYCLE_PATHS.has(path)) return `${path}?${REDACTED}`;
  const params = new URLSearchParams(url.slice(mark + 1));
  const kept = [...params].map(([name, value]) =>
    SECRET_PARAM.test(name)
      ? `${encodeURIComponent(name)}=${REDACTED}`
      : `${encodeURIComponent(name)}=${encodeURIComponent(value)}`,
  );
  return `${path}?${kept.join('&')}`;
}

/** Pino paths of credentials wherever a log line carries headers or a parsed request. */
const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-auth-token"]',
  'req.headers["x-backorder-secret"]',
  'req.headers.cookie',
  'headers.authorization',
  'headers["x-auth-token"]',
  '*.accessToken',
  '*.access_token',
  '*.token',
  '*.signed_payload_jwt',
];

export function redactingLogger(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    serializers: {
      req(request: { method: string; url: string; hostname?: string; ip?: string }) {
        return {
          method: request.method,
          url: redactUrl(request.url),
          hostname: request.hostname,
          remoteAddress: request.ip,
        };
      },
    },
  };
}
