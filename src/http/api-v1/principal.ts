/** Who is calling: an API key (an ERP, a script) or a merchant in the admin screens. */
export type Principal =
  | {
      readonly kind: 'api_key';
      readonly storeId: number;
      readonly keyId: number;
      /** Recorded in the ledger and transition log. */
      readonly actor: string;
    }
  | {
      readonly kind: 'session';
      readonly storeId: number;
      readonly userId: number;
      readonly actor: string;
    };
