import { randomBytes } from 'node:crypto';

/**
 * One-time authorization codes of the install flow. BigCommerce's codes are short-lived and single-use;
 * keeping them in memory is faithful enough (a sandbox restart mid-install just means installing again).
 */
export interface AuthCodeGrant {
  readonly clientId: string;
  readonly storeHash: string;
  readonly scopes: readonly string[];
  readonly accountUuid: string;
  readonly userId: number;
  readonly expiresAt: number;
}

export class AuthCodeStore {
  private readonly grants = new Map<string, AuthCodeGrant>();

  constructor(
    private readonly now: () => Date,
    private readonly ttlMs = 10 * 60 * 1000,
  ) {}

  issue(grant: Omit<AuthCodeGrant, 'expiresAt'>): string {
    this.sweep();
    const code = randomBytes(24).toString('base64url');
    this.grants.set(code, { ...grant, expiresAt: this.now().getTime() + this.ttlMs });
    return code;
  }

  /** The grant of a live code, without using it up (so a wrong client secret does not burn the code). */
  peek(code: string): AuthCodeGrant | undefined {
    const grant = this.grants.get(code);
    if (!grant) return undefined;
    if (grant.expiresAt <= this.now().getTime()) {
      this.grants.delete(code);
      return undefined;
    }
    return grant;
  }

  /** Uses the code up; true only for the first caller. */
  consume(code: string): boolean {
    return this.grants.delete(code);
  }

  private sweep(): void {
    const now = this.now().getTime();
    for (const [code, grant] of this.grants) if (grant.expiresAt <= now) this.grants.delete(code);
  }
}
