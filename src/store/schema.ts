import type { ColumnType, Generated } from 'kysely';

/**
 * Timestamps are written as ISO-8601 strings. PostgreSQL keeps them as `timestamptz` and reads them
 * back as `Date`; SQLite keeps the ISO text. Row mappers turn both into ISO strings.
 */
export type Timestamp = ColumnType<Date | string, string, string>;

/** Booleans are stored as 0/1 on both databases: better-sqlite3 cannot bind a JavaScript boolean. */
export type Flag = number;

export interface LocationTable {
  id: string;
  name: string;
  kind: string;
  region: string | null;
  latitude: number | null;
  longitude: number | null;
  status: string;
  parent_id: string | null;
  allow_negative_stock: Flag;
  /** Whether it ships orders to customers; null: by its kind (DCs and warehouses do, stores do not). */
  ships_online: Flag | null;
  /** For a transit location: where its transfer left from, and where it is going. */
  origin_id: string | null;
  destination_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProductTable {
  sku: string;
  name: string;
  category: string | null;
  unit: string;
  unit_cost: number;
  price: number;
  weight_kg: number;
  gtin: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MovementTable {
  id: string;
  posting_id: string;
  line: number;
  sku: string;
  from_location_id: string;
  to_location_id: string;
  quantity: number;
  kind: string;
  reason: string | null;
  reference: string | null;
  document_type: string | null;
  document_id: string | null;
  actor: string;
  occurred_at: Timestamp;
  recorded_at: Timestamp;
}

export interface BalanceTable {
  sku: string;
  location_id: string;
  on_hand: number;
  reserved: number;
  updated_at: Timestamp;
  /** When the latest movement that touched this balance occurred; null before any did. */
  latest_at: ColumnType<Date | string | null, string | null | undefined, string | null>;
}

export interface ReservationTable {
  id: string;
  sku: string;
  location_id: string;
  quantity: number;
  status: string;
  reference: string | null;
  actor: string;
  expires_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  posting_id: string | null;
}

export interface IdempotencyKeyTable {
  key: string;
  operation: string;
  request_hash: string;
  response: string | null;
  created_at: Timestamp;
}

export interface ApiTokenTable {
  id: string;
  name: string;
  role: string;
  token_hash: string;
  /** JSON array of location ids the token may write to; null for every location. */
  locations: string | null;
  created_at: Timestamp;
  created_by: string;
  revoked_at: Timestamp | null;
}

export interface AuditLogTable {
  id: string;
  actor: string;
  action: string;
  target: string | null;
  status: number;
  idempotency_key: string | null;
  at: Timestamp;
}

export interface EventOutboxTable {
  id: string;
  type: string;
  payload: string;
  recorded_at: Timestamp;
}

export interface EventTable {
  position: number;
  id: string;
  type: string;
  payload: string;
  recorded_at: Timestamp;
}

export interface WebhookTable {
  id: string;
  url: string;
  /** JSON array of event types. */
  event_types: string;
  secret: string;
  created_at: Timestamp;
  created_by: string;
  deleted_at: Timestamp | null;
}

export interface WebhookDeliveryTable {
  id: string;
  webhook_id: string;
  event_id: string;
  status: string;
  attempts: number;
  next_attempt_at: Timestamp;
  last_attempt_at: Timestamp | null;
  last_status_code: number | null;
  last_error: string | null;
}

export interface SupplierTable {
  id: string;
  name: string;
  lead_time_days: number;
  lead_time_sd_days: number;
  min_order_quantity: number;
  pack_size: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SupplierItemTable {
  supplier_id: string;
  sku: string;
  supplier_sku: string | null;
  unit_cost: number | null;
  lead_time_days: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SalesHistoryTable {
  sku: string;
  location_id: string;
  /** An ISO date, YYYY-MM-DD. */
  day: string;
  sold: number;
  returned: number;
  /** 1 when the location had no stock of the SKU that day: demand unknown (0 by default). */
  stocked_out: Generated<number>;
}

export interface PromotionTable {
  /** The code the retailer gave it: `SPRING-TEA-26`. */
  id: string;
  name: string | null;
  /** The product promoted; null when a category is. */
  sku: string | null;
  /** Every product of this category is promoted; null when one SKU is. */
  category: string | null;
  /** Null with a null region: the whole network. */
  location_id: string | null;
  region: string | null;
  /** ISO dates, YYYY-MM-DD: the first and the last promoted day. */
  starts_on: string;
  ends_on: string;
  /** Demand with the promotion over demand without it (1.5: half as much again); null: learned from history. */
  planned_lift: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  created_by: string;
}

export interface PurchaseOrderTable {
  id: string;
  supplier_id: string;
  location_id: string;
  status: string;
  reference: string | null;
  expected_at: Timestamp | null;
  created_by: string;
  created_at: Timestamp;
  submitted_at: Timestamp | null;
  closed_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface PurchaseOrderLineTable {
  order_id: string;
  line: number;
  sku: string;
  ordered: number;
  received: number;
  damaged: number;
  unit_cost: number | null;
}

export interface PurchaseOrderReceiptTable {
  id: string;
  order_id: string;
  posting_id: string | null;
  received_at: Timestamp;
  received_by: string;
  lead_time_days: number;
  on_time: Flag;
}

export interface PurchaseOrderDiscrepancyTable {
  /** Null for the shortfall recorded when an order is closed without a receipt. */
  receipt_id: string | null;
  order_id: string;
  sku: string;
  kind: string;
  quantity: number;
  reason: string;
}

export interface TransferOrderTable {
  id: string;
  from_id: string;
  to_id: string;
  status: string;
  reference: string | null;
  /** When the goods are due at the destination; set at the latest when the transfer ships. */
  expected_at: Timestamp | null;
  created_by: string;
  created_at: Timestamp;
  shipped_at: Timestamp | null;
  completed_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface TransferOrderLineTable {
  transfer_id: string;
  line: number;
  sku: string;
  quantity: number;
  received: number;
  shortfall: number;
}

export interface CountSessionTable {
  id: string;
  location_id: string;
  status: string;
  /** JSON: how the session chose its SKUs. */
  scope: string;
  threshold_units: number;
  threshold_value: number;
  created_by: string;
  created_at: Timestamp;
  submitted_at: Timestamp | null;
  approved_by: string | null;
  closed_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface CountLineTable {
  session_id: string;
  sku: string;
  system_quantity: number | null;
  counted_quantity: number | null;
  counted_at: Timestamp | null;
  counted_by: string | null;
  unit_cost: number;
  state: string;
}

export interface ReturnTable {
  id: string;
  location_id: string;
  status: string;
  reason: string;
  note: string | null;
  reference: string | null;
  created_by: string;
  received_at: Timestamp;
  closed_at: Timestamp | null;
}

export interface ReturnLineTable {
  return_id: string;
  line: number;
  sku: string;
  quantity: number;
  disposition: string;
  supplier_id: string | null;
  purchase_order_id: string | null;
  outcome: string | null;
  resolved_at: Timestamp | null;
}

export interface ForecastRunTable {
  id: string;
  started_at: Timestamp;
  finished_at: Timestamp;
  horizon: number;
  season: number;
  history_until: string;
  series: number;
  /** JSON: how many series each method won. */
  methods: string;
  created_by: string;
  /** JSON: the run's summary (series that stopped early, series without sales to backtest on); null before 0015. */
  summary: string | null;
}

export interface ForecastSeriesTable {
  run_id: string;
  sku: string;
  location_id: string;
  method: string;
  params: string;
  mean: string;
  sigma: number;
  intermittent: Flag;
  quantiles: string | null;
  rmsse: number | null;
  scores: string;
  notes: string;
  /** JSON: σ of each forecast day's error; null for series stored before 0017. */
  sigmas: string | null;
  /** Correlation of neighbouring days' errors; null for series stored before 0017. */
  error_correlation: number | null;
  /** JSON: the methods averaged into the forecast, best first; null for series stored before 0019. */
  combined: string | null;
  /** JSON: `{ days, lift }` of its promoted forecast days, or null (always null before 0019). */
  promotion: string | null;
}

export interface OrderTable {
  id: string;
  channel: string;
  status: string;
  latitude: number | null;
  longitude: number | null;
  pickup_location_id: string | null;
  reference: string | null;
  plan: string;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OrderLineTable {
  order_id: string;
  line: number;
  sku: string;
  quantity: number;
}

export interface OrderAllocationTable {
  order_id: string;
  sku: string;
  location_id: string;
  quantity: number;
  reservation_id: string;
}

export interface SettingTable {
  key: string;
  /** The setting's value as text (an ISO time for the lock date); null when it is unset. */
  value: string | null;
  updated_at: Timestamp;
  updated_by: string;
}

export interface PlanRunTable {
  id: string;
  started_at: Timestamp;
  finished_at: Timestamp;
  forecast_run_id: string;
  /** The first day the plan's policies hold (YYYY-MM-DD): its forecast's first day. */
  starts_on: string;
  /** JSON: the settings the plan ran with. */
  settings: string;
  /** JSON: what the plan found (counts, values, safety stock by echelon). */
  summary: string;
  created_by: string;
}

export interface StockPolicyTable {
  run_id: string;
  location_id: string;
  sku: string;
  /** The first and last day (YYYY-MM-DD) the row holds. */
  valid_from: string;
  valid_until: string;
  /** ABC by value and XYZ by variability: `AX` … `CZ`. */
  product_class: string;
  service_measure: string;
  service_level: number;
  /** `class` or `cost`: where the target came from. */
  service_basis: string;
  review_days: number;
  /** `supplier` or `parent`: where the location is replenished from, named by source_id. */
  source_kind: string;
  source_id: string | null;
  lead_time_mean: number;
  lead_time_sd: number;
  lead_time_basis: string;
  demand_per_day: number;
  demand_sd_per_day: number;
  protection_days: number;
  protection_mean: number;
  protection_sd: number;
  demand_shape: string;
  safety_stock: number;
  reorder_point: number;
  order_up_to: number;
  lot_size: number;
  /** The service time the location promises its children (multi-echelon placement); null: none. */
  service_time: number | null;
  expected_cycle_service: number;
  expected_fill_rate: number;
}

export interface SuggestionTable {
  id: string;
  run_id: string;
  kind: string;
  status: string;
  supplier_id: string | null;
  /** Where a transfer leaves from; null for purchase orders and range changes. */
  from_id: string | null;
  /** Where the goods go, or the location whose range changes. */
  location_id: string;
  value: number;
  /** JSON: why, for the suggestion as a whole. */
  reason: string;
  created_at: Timestamp;
  decided_at: Timestamp | null;
  decided_by: string | null;
  note: string | null;
  document_type: string | null;
  document_id: string | null;
}

export interface SuggestionLineTable {
  suggestion_id: string;
  line: number;
  sku: string;
  quantity: number;
  unit_cost: number;
  /** JSON: the line's numbers (position, policy, lead time, target). */
  reason: string;
}

export interface Database {
  locations: LocationTable;
  products: ProductTable;
  movements: MovementTable;
  balances: BalanceTable;
  reservations: ReservationTable;
  idempotency_keys: IdempotencyKeyTable;
  api_tokens: ApiTokenTable;
  audit_log: AuditLogTable;
  event_outbox: EventOutboxTable;
  events: EventTable;
  webhooks: WebhookTable;
  webhook_deliveries: WebhookDeliveryTable;
  suppliers: SupplierTable;
  supplier_items: SupplierItemTable;
  sales_history: SalesHistoryTable;
  promotions: PromotionTable;
  purchase_orders: PurchaseOrderTable;
  purchase_order_lines: PurchaseOrderLineTable;
  purchase_order_receipts: PurchaseOrderReceiptTable;
  purchase_order_discrepancies: PurchaseOrderDiscrepancyTable;
  transfer_orders: TransferOrderTable;
  transfer_order_lines: TransferOrderLineTable;
  count_sessions: CountSessionTable;
  count_lines: CountLineTable;
  returns: ReturnTable;
  return_lines: ReturnLineTable;
  forecast_runs: ForecastRunTable;
  forecast_series: ForecastSeriesTable;
  orders: OrderTable;
  order_lines: OrderLineTable;
  order_allocations: OrderAllocationTable;
  settings: SettingTable;
  plan_runs: PlanRunTable;
  stock_policies: StockPolicyTable;
  suggestions: SuggestionTable;
  suggestion_lines: SuggestionLineTable;
}
