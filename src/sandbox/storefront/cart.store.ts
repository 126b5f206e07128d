import { randomUUID } from 'node:crypto';
import type { SandboxDb } from '../state/sandbox-db.js';

/**
 * Storefront carts, one per shopper and store, found by the cart cookie. They live in the sandbox's
 * SQLite database (their own table, created here) so a shopper's cart survives a sandbox restart when a
 * data directory is configured, like the rest of the store.
 */
export interface CartLineOption {
  readonly optionId: number;
  readonly optionValueId: number;
  readonly name: string;
  readonly value: string;
}

export interface CartLine {
  readonly id: string;
  readonly productId: number;
  readonly variantId: number;
  readonly sku: string;
  readonly name: string;
  readonly quantity: number;
  readonly listPrice: number;
  readonly options: readonly CartLineOption[];
}

export interface Cart {
  readonly id: string;
  readonly storeHash: string;
  readonly email: string;
  readonly lines: readonly CartLine[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

interface CartRow {
  id: string;
  store_hash: string;
  doc: string;
  created_at: number;
  updated_at: number;
}

interface CartDoc {
  email: string;
  lines: CartLine[];
}

const DDL = `
CREATE TABLE IF NOT EXISTS storefront_carts (
  id TEXT PRIMARY KEY,
  store_hash TEXT NOT NULL REFERENCES stores(hash) ON DELETE CASCADE,
  doc TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS storefront_carts_store ON storefront_carts(store_hash);
`;

export class CartStore {
  constructor(
    private readonly db: SandboxDb,
    private readonly now: () => Date,
  ) {
    db.exec(DDL);
  }

  get(storeHash: string, cartId: string): Cart | undefined {
    const row = this.db
      .prepare('SELECT * FROM storefront_carts WHERE id = ? AND store_hash = ?')
      .get(cartId, storeHash) as CartRow | undefined;
    return row ? toCart(row) : undefined;
  }

  create(storeHash: string): Cart {
    const id = randomUUID();
    const at = this.now().getTime();
    const doc: CartDoc = { email: '', lines: [] };
    this.db
      .prepare(
        'INSERT INTO storefront_carts (id, store_hash, doc, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(id, storeHash, JSON.stringify(doc), at, at);
    return this.get(storeHash, id)!;
  }

  /** Adds a line, or raises the quantity of the line with the same variant (as BigCommerce merges them). */
  addLine(cart: Cart, line: Omit<CartLine, 'id'>): { cart: Cart; line: CartLine } {
    const existing = cart.lines.find((l) => l.variantId === line.variantId && l.productId === line.productId);
    const added: CartLine = existing
      ? { ...existing, quantity: existing.quantity + line.quantity }
      : { ...line, id: randomUUID() };
    const lines = existing
      ? cart.lines.map((l) => (l.id === existing.id ? added : l))
      : [...cart.lines, added];
    return { cart: this.save(cart, { lines }), line: added };
  }

  setQuantity(cart: Cart, lineId: string, quantity: number): Cart {
    const lines =
      quantity <= 0
        ? cart.lines.filter((l) => l.id !== lineId)
        : cart.lines.map((l) => (l.id === lineId ? { ...l, quantity } : l));
    return this.save(cart, { lines });
  }

  setEmail(cart: Cart, email: string): Cart {
    return this.save(cart, { email });
  }

  delete(storeHash: string, cartId: string): void {
    this.db.prepare('DELETE FROM storefront_carts WHERE id = ? AND store_hash = ?').run(cartId, storeHash);
  }

  private save(cart: Cart, change: Partial<CartDoc>): Cart {
    const doc: CartDoc = { email: change.email ?? cart.email, lines: [...(change.lines ?? cart.lines)] };
    this.db
      .prepare('UPDATE storefront_carts SET doc = ?, updated_at = ? WHERE id = ? AND store_hash = ?')
      .run(JSON.stringify(doc), this.now().getTime(), cart.id, cart.storeHash);
    return this.get(cart.storeHash, cart.id)!;
  }
}

function toCart(row: CartRow): Cart {
  const doc = JSON.parse(row.doc) as CartDoc;
  return {
    id: row.id,
    storeHash: row.store_hash,
    email: doc.email,
    lines: doc.lines,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
