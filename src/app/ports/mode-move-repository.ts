import type { InventoryMode } from './settings-repository.js';
import type { StoreId } from './store-id.js';

/** The moves of a store's assigned items between inventory modes (docs/product.md#moving-between-modes). */
export interface ModeMoveRepository {
  create(input: NewModeMove): Promise<ModeMoveRecord>;
  get(storeId: StoreId, id: number): Promise<ModeMoveRecord | null>;
  /** The store's newest move, if any. */
  latest(storeId: StoreId): Promise<ModeMoveRecord | null>;
  /** Records the products done up to `cursor` (the app's product id of the last one). */
  advance(storeId: StoreId, id: number, cursor: number, done: number, now: Date): Promise<void>;
  finish(storeId: StoreId, id: number, status: 'done' | 'failed', now: Date, error?: string): Promise<void>;
}

export interface NewModeMove {
  readonly storeId: StoreId;
  readonly from: InventoryMode;
  readonly to: InventoryMode;
  readonly totalProducts: number;
  readonly actor: string;
  readonly now: Date;
}

export interface ModeMoveRecord {
  readonly id: number;
  readonly storeId: StoreId;
  readonly from: InventoryMode;
  readonly to: InventoryMode;
  readonly status: 'running' | 'done' | 'failed';
  readonly totalProducts: number;
  readonly doneProducts: number;
  /** The app's id of the last product moved; null before the first. */
  readonly cursor: number | null;
  readonly actor: string;
  readonly error: string | null;
  readonly createdAt: Date;
  readonly finishedAt: Date | null;
}
