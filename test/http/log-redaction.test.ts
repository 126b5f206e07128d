import { describe, expect, it } from 'vitest';
import { redactUrl } from '../../src/http/log-redaction.js';

describe('redactUrl', () => {
  it('keeps no query string at all on the lifecycle callbacks', () => {
    expect(redactUrl('/load?signed_payload_jwt=eyJ.a.b')).toBe('/load?[redacted]');
    expect(redactUrl('/auth?code=abc&scope=x&context=stores/h')).toBe('/auth?[redacted]');
    expect(redactUrl('/uninstall?signed_payload=x')).toBe('/uninstall?[redacted]');
  });

  it('hides the values of secret-looking parameters elsewhere and keeps the rest', () => {
    expect(redactUrl('/api/v1/items?limit=5&token=t0k&api_key=k&cursor=abc')).toBe(
      '/api/v1/items?limit=5&token=[redacted]&api_key=[redacted]&cursor=abc',
    );
    expect(redactUrl('/healthz')).toBe('/healthz');
  });
});
