/** Stock of one SKU at one location. `available` is what may still be promised: on hand less reserved. */
export interface Balance {
  sku: string;
  locationId: string;
  onHand: number;
  reserved: number;
  available: number;
}

export function toBalance(row: { sku: string; location_id: string; on_hand: number; reserved: number }): Balance {
  return {
    sku: row.sku,
    locationId: row.location_id,
    onHand: row.on_hand,
    reserved: row.reserved,
    available: row.on_hand - row.reserved,
  };
}

/** One key per SKU × location, for maps that gather changes or rows by balance. */
export function balanceKey(sku: string, locationId: string): string {
  return `${sku}\u0000${locationId}`;
}
