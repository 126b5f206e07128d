import type { StoreId } from '../../app/ports/store-id.js';

/** Who is calling: an API key (an ERP, a script) or a merchant in the admin screens. */
export type Principal =
  | {
      readonly kind: 'api_key';
      readonly storeId: StoreId;
      readonly keyId: number;
      /** Recorded in the ledger and transition log. */
      readonly actor: string;
    }
  | {
      readonly kind: 'session';
      readonly storeId: StoreId;
      readonly userId: number;
      readonly actor: string;
    };
