import type { FastifyReply } from 'fastify';
import type { Refusal } from '../state/results.js';

/** The `type` BigCommerce puts in v3 error bodies. */
export const ERROR_TYPE = 'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes';

export type ApiVersion = 'v2' | 'v3';

export interface V3Error {
  status: number;
  title: string;
  type: string;
  errors: Record<string, string>;
  /** Not BigCommerce's: the sandbox's stable code, to help debugging (extra fields are allowed). */
  code?: string;
}

export function v3Error(
  status: number,
  title: string,
  errors: Record<string, string> = {},
  code?: string,
): V3Error {
  return { status, title, type: ERROR_TYPE, errors, ...(code ? { code } : {}) };
}

export function v2Error(
  status: number,
  message: string,
  details?: unknown,
): { status: number; message: string; details?: unknown }[] {
  return [{ status, message, ...(details !== undefined ? { details } : {}) }];
}

/** Sends a refusal in the body shape of the API version (v3 object, v2 array). */
export function sendRefusal(
  reply: FastifyReply,
  refusal: Refusal,
  version: ApiVersion,
  contentType?: string,
): FastifyReply {
  reply.code(refusal.status);
  if (contentType) reply.type(contentType);
  if (version === 'v2') return reply.send(v2Error(refusal.status, refusal.message, refusal.details));
  const body = v3Error(refusal.status, refusal.message, { ...(refusal.errors ?? {}) });
  return reply.send(body);
}

export function sendError(
  reply: FastifyReply,
  version: ApiVersion,
  status: number,
  message: string,
  errors: Record<string, string> = {},
): FastifyReply {
  reply.code(status);
  return reply.send(version === 'v2' ? v2Error(status, message) : v3Error(status, message, errors));
}

export function apiVersionOf(url: string): ApiVersion {
  return /^\/stores\/[^/]+\/v2(\/|$|\?)/.test(url) ? 'v2' : 'v3';
}
