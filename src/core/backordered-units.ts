/**
 * R8: units of a sale that are backorders. A sale of `quantity` units taking stock from `stock` to
 * `stock − quantity` backorders b = max(0, S − (stock − quantity)) − max(0, S − stock):
 * the part of the sale at or below the switch condition. With S = 0, exactly the units sold below zero.
 */
export function backorderedUnits(switchCondition: number, stock: number, quantity: number): number {
  return Math.max(0, switchCondition - (stock - quantity)) - Math.max(0, switchCondition - stock);
}
