/** Minimal typing of the parts of node-bigcommerce (v4, untyped JavaScript) the sandbox tests use. */
declare module 'node-bigcommerce' {
  import type { Agent } from 'node:https';

  interface BigCommerceConfig {
    clientId?: string;
    secret?: string;
    callback?: string;
    accessToken?: string;
    storeHash?: string;
    responseType?: 'json' | 'xml';
    apiVersion?: 'v2' | 'v3';
    failOnLimitReached?: boolean;
    agent?: Agent;
    headers?: Record<string, string>;
  }

  // biome-ignore lint/suspicious/noExplicitAny: the library returns parsed JSON of any shape
  type Json = any;

  class BigCommerce {
    constructor(config: BigCommerceConfig);
    get(path: string): Promise<Json>;
    post(path: string, data?: unknown): Promise<Json>;
    put(path: string, data?: unknown): Promise<Json>;
    delete(path: string): Promise<Json>;
  }

  export = BigCommerce;
}
