import type { OptionValue } from './store-catalog.js';
import type { StoreId } from './store-id.js';

/**
 * The orders of a merchant's store, as the use cases need them. Store-first like the repositories, so
 * one implementation (or fake) serves every store. An order that does not exist (deleted since the
 * webhook was sent) is `null`; an outage throws; a store the app cannot reach any more throws
 * StoreNotConnectedError. Each method is one read or one write of the store.
 */
export interface StoreOrders {
  getOrder(storeId: StoreId, orderId: number): Promise<StoreOrder | null>;
  /** The order and every line of it, in one read. */
  getOrderWithLines(storeId: StoreId, orderId: number): Promise<StoreOrderWithLines | null>;
  /**
   * The orders whose ids lie in [minId, maxId] (at most ORDERS_PER_READ ids apart), each with every line,
   * lowest id first, in one read. Orders deleted or never placed in the range are simply absent.
   */
  listOrdersWithLines(
    storeId: StoreId,
    range: { readonly minId: number; readonly maxId: number },
  ): Promise<readonly StoreOrderWithLines[]>;
  /** Every line of the order. */
  getOrderLines(storeId: StoreId, orderId: number): Promise<readonly StoreOrderLine[] | null>;
  /** Where the order goes: one address per consignment, none for a pickup or digital order. */
  getShippingAddresses(storeId: StoreId, orderId: number): Promise<readonly ShippingAddress[] | null>;
  /**
   * Replaces the order's staff notes and changes nothing else on the order. False when the order is
   * gone.
   */
  writeStaffNotes(storeId: StoreId, orderId: number, staffNotes: string): Promise<boolean>;
}

/**
 * Where an order stands. Which statuses take stock and which give it back is the app's rule
 * (src/app/orders/order-statuses.ts); `unknown` is a status the app has no name for.
 */
export type OrderStatus =
  | 'incomplete'
  | 'pending'
  | 'shipped'
  | 'partiallyShipped'
  | 'refunded'
  | 'cancelled'
  | 'declined'
  | 'awaitingPayment'
  | 'awaitingPickup'
  | 'awaitingShipment'
  | 'completed'
  | 'awaitingFulfillment'
  | 'manualVerificationRequired'
  | 'disputed'
  | 'partiallyRefunded'
  | 'unknown';

export interface StoreOrder {
  readonly id: number;
  readonly status: OrderStatus;
  /** The merchant's internal notes on the order ('' when none); the packing-slip note goes here. */
  readonly staffNotes: string;
  /** When it was placed (BigCommerce's `date_created`, whole seconds). */
  readonly createdAt: Date;
  /** The billing first and last name (`Jane Doe`); null when the order names nobody. */
  readonly customerName: string | null;
}

/** How many orders one read of listOrdersWithLines answers at most (BigCommerce's page of 250). */
export const ORDERS_PER_READ = 250;

/** An order read together with its lines. */
export interface StoreOrderWithLines extends StoreOrder {
  readonly lines: readonly StoreOrderLine[];
}

/** A consignment's address as the customer gave it ('' for a part not given). */
export interface ShippingAddress {
  readonly id: number;
  readonly firstName: string;
  readonly lastName: string;
  readonly company: string;
  readonly street1: string;
  readonly street2: string;
  readonly city: string;
  readonly state: string;
  readonly zip: string;
  readonly country: string;
  readonly phone: string;
}

export interface StoreOrderLine {
  /** The line's id in the store: sales and give-backs are keyed by it (`bcOrderProductId`). */
  readonly id: number;
  /** The catalog product the line sold; null for a custom line, which is not in the catalog. */
  readonly bcProductId: number | null;
  /** The variant sold; null when the line names none. */
  readonly bcVariantId: number | null;
  /** A gift certificate takes no stock. */
  readonly kind: 'product' | 'giftCertificate';
  readonly quantity: number;
  /** The product's name as the merchant knows it. */
  readonly name: string;
  readonly sku: string;
  /** The options the customer chose (`Size: L`), in order. */
  readonly options: readonly OptionValue[];
  /**
   * Units of the line BigCommerce itself backordered (its native backorders, beta); absent when
   * BigCommerce says nothing of it, as on stores without the beta.
   */
  readonly quantityBackordered?: number;
}
