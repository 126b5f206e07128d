import { describe, expect, it } from 'vitest';
import { AuthCodeStore } from '../../../src/sandbox/control-panel/auth-codes.js';
import { AppRegistrationError, parseAppRegistrations } from '../../../src/sandbox/control-panel/index.js';

const valid = {
  client_id: 'abc',
  client_secret: 'secret',
  name: 'Backorder',
  auth_callback: 'http://127.0.0.1:3000/bc/auth',
  load_callback: 'http://127.0.0.1:3000/bc/load',
  uninstall_callback: 'http://127.0.0.1:3000/bc/uninstall',
  remove_user_callback: 'http://127.0.0.1:3000/bc/remove-user',
  scope: 'store_v2_products store_v2_orders',
};

describe('SANDBOX_APPS', () => {
  it('parses apps in Developer Portal terms', () => {
    expect(
      parseAppRegistrations(
        JSON.stringify([
          valid,
          {
            ...valid,
            client_id: 'def',
            scope: ['store_v2_content'],
            name: undefined,
            remove_user_callback: undefined,
          },
        ]),
      ),
    ).toEqual([
      {
        clientId: 'abc',
        clientSecret: 'secret',
        name: 'Backorder',
        authCallbackUrl: 'http://127.0.0.1:3000/bc/auth',
        loadCallbackUrl: 'http://127.0.0.1:3000/bc/load',
        uninstallCallbackUrl: 'http://127.0.0.1:3000/bc/uninstall',
        removeUserCallbackUrl: 'http://127.0.0.1:3000/bc/remove-user',
        scopes: ['store_v2_products', 'store_v2_orders'],
      },
      expect.objectContaining({
        clientId: 'def',
        name: 'def',
        removeUserCallbackUrl: null,
        scopes: ['store_v2_content'],
      }),
    ]);
  });

  it.each([
    ['not JSON', '{', /not valid JSON/],
    ['not an array', JSON.stringify(valid), /must be a JSON array/],
    [
      'a bad callback URL',
      JSON.stringify([{ ...valid, load_callback: 'ftp://x' }]),
      /SANDBOX_APPS\[0\].*load_callback/,
    ],
    ['a missing secret', JSON.stringify([{ ...valid, client_secret: undefined }]), /client_secret/],
    ['no scope', JSON.stringify([{ ...valid, scope: ' ' }]), /requests no scope/],
    ['an unknown field', JSON.stringify([{ ...valid, colour: 'red' }]), /colour/],
    ['a duplicate client id', JSON.stringify([valid, valid]), /appears twice/],
  ])('refuses %s with a clear error', (_case, json, message) => {
    expect(() => parseAppRegistrations(json)).toThrow(AppRegistrationError);
    expect(() => parseAppRegistrations(json)).toThrow(message);
  });
});

describe('authorization codes', () => {
  it('are single-use and expire after their time to live', () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const codes = new AuthCodeStore(() => now, 60_000);
    const grant = {
      clientId: 'abc',
      storeHash: 's1',
      scopes: ['store_v2_orders'],
      accountUuid: 'u',
      userId: 1,
    };
    const code = codes.issue(grant);
    expect(codes.peek(code)).toMatchObject(grant);
    expect(codes.consume(code)).toBe(true);
    expect(codes.consume(code)).toBe(false);
    expect(codes.peek(code)).toBeUndefined();

    const late = codes.issue(grant);
    now = new Date(now.getTime() + 60_000);
    expect(codes.peek(late)).toBeUndefined();
  });
});
