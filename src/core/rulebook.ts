/**
 * Every rule of docs/product.md#rules, with the same ids. The ids name the tests that check them
 * (test/core/rules.test.ts titles start with the id; a test fails if a rule has none) and appear in
 * docs/state-machine.md beside the table rows that implement them.
 */
export const RULEBOOK = [
  { id: 'R1', rule: 'An item with stock > S is `in_stock`: purchasable, normal button.', where: 'Status' },
  {
    id: 'R2',
    rule: 'An item with stock ≤ S and no block is `backorder`: purchasable, backorder texts.',
    where: 'Status',
  },
  {
    id: 'R3',
    rule: 'An item with stock ≤ S and a block is `unavailable`: not purchasable.',
    where: 'Status',
  },
  {
    id: 'R4',
    rule: 'The out-of-stock episode ends when stock rises above S: B resets to 0 and a threshold block clears.',
    where: 'Automatic rules',
  },
  {
    id: 'R5',
    rule: 'An episode starts when stock falls to S or below; give-backs only count within their own episode.',
    where: 'Automatic rules',
  },
  {
    id: 'R6',
    rule: 'When the store-local date reaches D, backorder is disabled (date block), at the scheduler’s day start and whenever an event touches the item.',
    where: 'Automatic rules',
  },
  {
    id: 'R7',
    rule: 'When B ≥ T (T set) while out of stock, backorder is disabled (threshold block).',
    where: 'Automatic rules',
  },
  {
    id: 'R8',
    rule: 'A sale of q units from stock s backorders b = max(0, S−(s−q)) − max(0, S−s) units; B grows by b and the order line records b.',
    where: 'Events',
  },
  {
    id: 'R9',
    rule: 'A cancelled or refunded line gives back its units to stock and its b to B (same episode only; store setting, default on).',
    where: 'Events',
  },
  {
    id: 'R10',
    rule: 'A manual enable clears any block, and is refused with a code when it would immediately block again (threshold reached, date passed).',
    where: 'Block transitions',
  },
  {
    id: 'R11',
    rule: 'A manual disable sets the manual block; only a manual enable clears it.',
    where: 'Block transitions',
  },
  {
    id: 'R12',
    rule: 'A date block clears automatically when an import (or the API) writes a later or empty D; a merchant’s edit needs a manual enable.',
    where: 'Block transitions',
  },
  {
    id: 'R13',
    rule: 'Status changes produce effects: → backorder notifies “enabled”; → unavailable notifies “disabled” with the reason and disables purchase; → in_stock enables purchase.',
    where: 'Effects',
  },
  {
    id: 'R14',
    rule: 'Receiving incoming stock moves units from incoming into stock; more than is incoming is refused.',
    where: 'Events',
  },
  {
    id: 'R15',
    rule: 'Stock set by import, API, admin edit or a BigCommerce-side change is a movement of (new − old).',
    where: 'Events',
  },
  {
    id: 'R16',
    rule: 'Every stock change is one ledger movement, so initial stock + Σ movements = stock, and B = Σ backordered deltas (an episode end is a −B movement); B is never negative.',
    where: 'Events',
  },
  {
    id: 'R17',
    rule: 'Assignment copies stock and template defaults; unassignment disables purchase and closes the ledger at 0.',
    where: 'Events',
  },
  {
    id: 'R18',
    rule: 'Only an item in backorder shows the backorder texts, and its remaining units (T − B) cap what one order may take; an unavailable item shows only the unavailable message; placeholders render the date in the store’s locale and zone, incoming stock and remaining units.',
    where: 'Storefront',
  },
  {
    id: 'R19',
    rule: 'Invalid input (quantities, stock, T, I, D, S, time zone) is refused with a code and changes nothing; so is an event whose result would take |stock| or B beyond 1,000,000,000.',
    where: 'Refusals',
  },
] as const;

export type RuleId = (typeof RULEBOOK)[number]['id'];
