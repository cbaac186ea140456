import { expect, it } from 'vitest';
import { forEachDatabase } from '../support/databases.js';
import { testApi } from '../support/api.js';
import type { TestApi } from '../support/api.js';

/**
 * Every write endpoint, with a request at store-1 (the clerk's store) and one at store-2 (outside it).
 * `prepare` makes what the request needs (stock, a reservation) as admin and returns the URL to call.
 */
interface WriteEndpoint {
  name: string;
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  admin?: boolean;
  /** Needs a planner (or an admin). */
  plan?: boolean;
  /** Acts on the whole network: a token limited to locations may not call it, whatever its role. */
  network?: boolean;
  request(api: TestApi, location: 'store-1' | 'store-2', n: number): Promise<{ url: string; body?: unknown }>;
}

const stockAt = async (api: TestApi, location: string) => {
  const r = await api.as(api.tokens.admin)('POST', '/api/v1/movements/receive', {
    location,
    lines: [{ sku: 'TEA', quantity: 50 }],
  });
  expect(r.status).toBe(201);
};
const reservationAt = async (api: TestApi, location: string) => {
  await stockAt(api, location);
  const r = await api.as(api.tokens.admin)('POST', '/api/v1/reservations', { sku: 'TEA', location, quantity: 1 });
  expect(r.status).toBe(201);
  return r.body.id as string;
};

const supplier = async (api: TestApi) => {
  await api.services.suppliers.create({ id: 'acme', name: 'Acme', leadTimeDays: 3 }).catch(() => undefined);
};
const purchaseOrder = async (api: TestApi, location: string, submit: boolean) => {
  await supplier(api);
  const order = await api.services.purchaseOrders.create({
    supplier: 'acme',
    location,
    lines: [{ sku: 'TEA', quantity: 5 }],
    submit,
    actor: 'test',
  });
  return order.id;
};

const transferOrder = async (api: TestApi, from: string, to: string, ship: boolean) =>
  (await api.services.transferOrders.create({ from, to, lines: [{ sku: 'TEA', quantity: 1 }], ship, actor: 'test' }))
    .id;

/** Cancels the counts still open at `location`: no two open counts may cover one SKU. */
const noOpenCount = async (api: TestApi, location: string) => {
  const open = await api.services.cycleCounts.list({ location, status: ['open', 'pending_approval'] });
  for (const count of open.items) await api.services.cycleCounts.cancel(count.id, { actor: 'test' });
};

const countAt = async (api: TestApi, location: string) => {
  await stockAt(api, location);
  await noOpenCount(api, location);
  return (await api.services.cycleCounts.create({ location, actor: 'test' })).id;
};

const endpoints: WriteEndpoint[] = [
  {
    name: 'receive',
    method: 'POST',
    request: async (_, l) => ({
      url: '/api/v1/movements/receive',
      body: { location: l, lines: [{ sku: 'TEA', quantity: 1 }] },
    }),
  },
  {
    name: 'sell',
    method: 'POST',
    request: async (api, l) => (
      await stockAt(api, l),
      { url: '/api/v1/movements/sell', body: { location: l, lines: [{ sku: 'TEA', quantity: 1 }] } }
    ),
  },
  {
    name: 'ship',
    method: 'POST',
    request: async (api, l) => (
      await stockAt(api, l),
      { url: '/api/v1/movements/ship', body: { location: l, lines: [{ sku: 'TEA', quantity: 1 }] } }
    ),
  },
  {
    name: 'return',
    method: 'POST',
    request: async (_, l) => ({
      url: '/api/v1/movements/return',
      body: { location: l, lines: [{ sku: 'TEA', quantity: 1 }] },
    }),
  },
  {
    name: 'adjust',
    method: 'POST',
    request: async (_, l) => ({
      url: '/api/v1/movements/adjust',
      body: { location: l, reason: 'count', lines: [{ sku: 'TEA', quantity: 1, direction: 'increase' }] },
    }),
  },
  {
    name: 'scrap',
    method: 'POST',
    request: async (api, l) => (
      await stockAt(api, l),
      { url: '/api/v1/movements/scrap', body: { location: l, reason: 'broken', lines: [{ sku: 'TEA', quantity: 1 }] } }
    ),
  },
  {
    name: 'batch',
    method: 'POST',
    request: async (_, l) => ({
      url: '/api/v1/movements',
      body: { movements: [{ sku: 'TEA', from: 'supplier', to: l, quantity: 1, kind: 'receive' }] },
    }),
  },
  {
    name: 'transfer ship',
    method: 'POST',
    request: async (api, l, n) => (
      await stockAt(api, l),
      {
        url: '/api/v1/transfers/ship',
        body: { transferId: `T-${n}`, from: l, to: 'dc-1', lines: [{ sku: 'TEA', quantity: 1 }] },
      }
    ),
  },
  {
    name: 'transfer receive',
    method: 'POST',
    request: async (api, l, n) => {
      await stockAt(api, 'dc-1');
      const shipped = await api.as(api.tokens.admin)('POST', '/api/v1/transfers/ship', {
        transferId: `R-${n}`,
        from: 'dc-1',
        to: l,
        lines: [{ sku: 'TEA', quantity: 1 }],
      });
      expect(shipped.status).toBe(201);
      return {
        url: '/api/v1/transfers/receive',
        body: { transferId: `R-${n}`, to: l, lines: [{ sku: 'TEA', quantity: 1 }] },
      };
    },
  },
  {
    name: 'reserve',
    method: 'POST',
    request: async (api, l) => (
      await stockAt(api, l),
      { url: '/api/v1/reservations', body: { sku: 'TEA', location: l, quantity: 1 } }
    ),
  },
  {
    name: 'release',
    method: 'POST',
    request: async (api, l) => ({ url: `/api/v1/reservations/${await reservationAt(api, l)}/release`, body: {} }),
  },
  {
    name: 'commit',
    method: 'POST',
    request: async (api, l) => ({ url: `/api/v1/reservations/${await reservationAt(api, l)}/commit`, body: {} }),
  },
  {
    name: 'create purchase order',
    method: 'POST',
    plan: true,
    request: async (api, l) => (
      await supplier(api),
      { url: '/api/v1/purchase-orders', body: { supplier: 'acme', location: l, lines: [{ sku: 'TEA', quantity: 5 }] } }
    ),
  },
  {
    name: 'submit purchase order',
    method: 'POST',
    plan: true,
    request: async (api, l) => ({ url: `/api/v1/purchase-orders/${await purchaseOrder(api, l, false)}/submit` }),
  },
  {
    name: 'receive purchase order',
    method: 'POST',
    request: async (api, l) => ({
      url: `/api/v1/purchase-orders/${await purchaseOrder(api, l, true)}/receive`,
      body: { lines: [{ sku: 'TEA', quantity: 1 }] },
    }),
  },
  {
    name: 'close purchase order',
    method: 'POST',
    plan: true,
    request: async (api, l) => ({
      url: `/api/v1/purchase-orders/${await purchaseOrder(api, l, true)}/close`,
      body: { reason: 'no longer needed' },
    }),
  },
  {
    name: 'cancel purchase order',
    method: 'POST',
    plan: true,
    request: async (api, l) => ({
      url: `/api/v1/purchase-orders/${await purchaseOrder(api, l, true)}/cancel`,
      body: {},
    }),
  },
  {
    name: 'create transfer order',
    method: 'POST',
    request: async (api, l, n) => ({
      url: '/api/v1/transfer-orders',
      body: { id: `TO-${l}-${n}`, from: l, to: 'dc-1', lines: [{ sku: 'TEA', quantity: 1 }] },
    }),
  },
  {
    name: 'ship transfer order',
    method: 'POST',
    request: async (api, l) => (
      await stockAt(api, l),
      { url: `/api/v1/transfer-orders/${await transferOrder(api, l, 'dc-1', false)}/ship`, body: {} }
    ),
  },
  {
    name: 'receive transfer order',
    method: 'POST',
    request: async (api, l) => (
      await stockAt(api, 'dc-1'),
      {
        url: `/api/v1/transfer-orders/${await transferOrder(api, 'dc-1', l, true)}/receive`,
        body: { lines: [{ sku: 'TEA', quantity: 1 }] },
      }
    ),
  },
  {
    name: 'cancel transfer order',
    method: 'POST',
    request: async (api, l) => ({
      url: `/api/v1/transfer-orders/${await transferOrder(api, l, 'dc-1', false)}/cancel`,
    }),
  },
  {
    name: 'start count',
    method: 'POST',
    request: async (api, l) => (
      await stockAt(api, l),
      await noOpenCount(api, l),
      { url: '/api/v1/cycle-counts', body: { location: l } }
    ),
  },
  {
    name: 'count a line',
    method: 'PUT',
    request: async (api, l) => ({
      url: `/api/v1/cycle-counts/${await countAt(api, l)}/lines/TEA`,
      body: { quantity: 50 },
    }),
  },
  {
    name: 'submit count',
    method: 'POST',
    request: async (api, l) => ({ url: `/api/v1/cycle-counts/${await countAt(api, l)}/submit` }),
  },
  {
    name: 'approve count',
    method: 'POST',
    plan: true,
    request: async (api, l) => {
      const id = await countAt(api, l);
      await api.services.cycleCounts.count(id, 'TEA', { quantity: 1_000_000, actor: 'test' });
      await api.services.cycleCounts.submit(id, 'test');
      return { url: `/api/v1/cycle-counts/${id}/approve` };
    },
  },
  {
    name: 'cancel count',
    method: 'POST',
    request: async (api, l) => ({ url: `/api/v1/cycle-counts/${await countAt(api, l)}/cancel`, body: {} }),
  },
  {
    name: 'take a return',
    method: 'POST',
    request: async (_, l) => ({
      url: '/api/v1/returns',
      body: { location: l, reason: 'unwanted', lines: [{ sku: 'TEA', quantity: 1, disposition: 'quarantine' }] },
    }),
  },
  {
    name: 'inspect a return',
    method: 'POST',
    request: async (api, l) => {
      const taken = await api.services.returns.receive({
        location: l,
        reason: 'defective',
        lines: [{ sku: 'TEA', quantity: 1, disposition: 'quarantine' }],
        actor: 'test',
      });
      return { url: `/api/v1/returns/${taken.return.id}/lines/TEA/inspect`, body: { outcome: 'restock' } };
    },
  },
  {
    name: 'run forecasts',
    network: true,
    method: 'POST',
    plan: true,
    request: async () => ({ url: '/api/v1/forecasts/runs', body: { horizon: 7 } }),
  },
  {
    name: 'place a pickup order',
    method: 'POST',
    request: async (api, l) => (
      await stockAt(api, l),
      { url: '/api/v1/orders', body: { channel: 'pickup', pickupLocation: l, lines: [{ sku: 'TEA', quantity: 1 }] } }
    ),
  },
  {
    name: 'ship an order',
    method: 'POST',
    request: async (api, l) => {
      await stockAt(api, l);
      const { order } = await api.services.orders.place({
        channel: 'pickup',
        pickupLocation: l,
        lines: [{ sku: 'TEA', quantity: 1 }],
        actor: 'test',
      });
      return { url: `/api/v1/orders/${order.id}/ship`, body: {} };
    },
  },
  {
    name: 'reroute a location',
    network: true,
    method: 'POST',
    plan: true,
    request: async (_, l) => ({ url: `/api/v1/locations/${l}/reroute` }),
  },
  {
    name: 'create location',
    network: true,
    method: 'POST',
    admin: true,
    request: async (_, l, n) => ({
      url: '/api/v1/locations',
      body: { id: `${l}-annex-${n}`, name: 'Annex', kind: 'store' },
    }),
  },
  {
    name: 'update location',
    method: 'PATCH',
    admin: true,
    request: async (_, l) => ({ url: `/api/v1/locations/${l}`, body: { name: 'Renamed' } }),
  },
  {
    name: 'create product',
    network: true,
    method: 'POST',
    admin: true,
    request: async (_, l, n) => ({ url: '/api/v1/products', body: { sku: `NEW-${l}-${n}`, name: 'New' } }),
  },
  {
    name: 'update product',
    network: true,
    method: 'PATCH',
    admin: true,
    request: async () => ({ url: '/api/v1/products/TEA', body: { price: 5 } }),
  },
  {
    name: 'create supplier',
    network: true,
    method: 'POST',
    admin: true,
    request: async (_, l, n) => ({
      url: '/api/v1/suppliers',
      body: { id: `sup-${l}-${n}`, name: 'S', leadTimeDays: 3 },
    }),
  },
  {
    name: 'update supplier',
    network: true,
    method: 'PATCH',
    admin: true,
    request: async (api, l, n) => {
      await api.services.suppliers.create({ id: `upd-${l}-${n}`, name: 'S', leadTimeDays: 3 });
      return { url: `/api/v1/suppliers/upd-${l}-${n}`, body: { packSize: 6 } };
    },
  },
  {
    name: 'supplier item',
    network: true,
    method: 'PUT',
    admin: true,
    request: async (api, l, n) => {
      await api.services.suppliers.create({ id: `item-${l}-${n}`, name: 'S', leadTimeDays: 3 });
      return { url: `/api/v1/suppliers/item-${l}-${n}/items/TEA`, body: { unitCost: 1.5 } };
    },
  },
  {
    name: 'create token',
    method: 'POST',
    // A token for every location: beyond what a location-limited admin may hand out.
    network: true,
    admin: true,
    request: async (_, l, n) => ({ url: '/api/v1/tokens', body: { name: `t-${l}-${n}`, role: 'viewer' } }),
  },
  {
    name: 'revoke token',
    method: 'DELETE',
    network: true,
    admin: true,
    request: async (api, l, n) => {
      const t = await api.services.tokens.create({ name: `gone-${l}-${n}`, role: 'viewer' }, 'test');
      return { url: `/api/v1/tokens/${t.id}` };
    },
  },
  {
    name: 'create a token for the location',
    method: 'POST',
    admin: true,
    request: async (_, l, n) => ({
      url: '/api/v1/tokens',
      body: { name: `till-${l}-${n}`, role: 'operator', locations: [l] },
    }),
  },
  {
    name: 'revoke a token of the location',
    method: 'DELETE',
    admin: true,
    request: async (api, l, n) => {
      const t = await api.services.tokens.create(
        { name: `till-gone-${l}-${n}`, role: 'operator', locations: [l] },
        'test',
      );
      return { url: `/api/v1/tokens/${t.id}` };
    },
  },
  {
    name: 'set the lock date',
    method: 'PUT',
    admin: true,
    network: true,
    request: async () => ({ url: '/api/v1/settings/lock-date', body: { lockDate: '2020-01-01T00:00:00Z' } }),
  },
  {
    name: 'import stock',
    method: 'POST',
    admin: true,
    network: true,
    request: async (_, l) => ({ url: '/api/v1/imports/stock', body: `location,sku,quantity\n${l},MUG,7\n` }),
  },
  {
    name: 'create webhook',
    network: true,
    method: 'POST',
    admin: true,
    request: async () => ({
      url: '/api/v1/webhooks',
      body: { url: 'http://127.0.0.1:9/hook', eventTypes: ['movements.posted'] },
    }),
  },
];

/** `clerk` is an operator and `storeAdmin` an admin, both limited to store-1. */
type Role = 'admin' | 'planner' | 'operator' | 'clerk' | 'viewer' | 'storeAdmin';
const ROLES: Role[] = ['admin', 'planner', 'operator', 'clerk', 'viewer', 'storeAdmin'];

/** What each caller should get: allowed (2xx), forbidden (403). */
function expected(endpoint: WriteEndpoint, role: Role, location: 'store-1' | 'store-2'): 'allowed' | 'forbidden' {
  if (role === 'admin') return 'allowed';
  // Location scopes bind every role, admins included.
  if (role === 'storeAdmin') return endpoint.network || location === 'store-2' ? 'forbidden' : 'allowed';
  if (endpoint.admin || role === 'viewer') return 'forbidden';
  if (endpoint.plan && role !== 'planner') return 'forbidden';
  if (role === 'clerk' && location === 'store-2') return 'forbidden';
  return 'allowed';
}

/** The test API with an admin limited to store-1 besides the usual tokens. */
async function scopedApi(database: Parameters<typeof testApi>[0]) {
  const api = await testApi(database);
  const storeAdmin = await api.services.tokens.create(
    { name: 'store-admin', role: 'admin', locations: ['store-1'] },
    'test',
  );
  return { api, tokens: { ...api.tokens, storeAdmin: storeAdmin.token } };
}

forEachDatabase((database) => {
  it('allows and refuses every write endpoint by role and location scope', async () => {
    const { api, tokens } = await scopedApi(database);
    let n = 0;
    const mismatches: string[] = [];
    for (const endpoint of endpoints) {
      for (const role of ROLES) {
        for (const location of ['store-1', 'store-2'] as const) {
          n += 1;
          const { url, body } = await endpoint.request(api, location, n);
          const response = await api.as(tokens[role])(
            endpoint.method,
            url,
            body,
            typeof body === 'string' ? { 'content-type': 'text/csv' } : {},
          );
          const got =
            response.status === 403
              ? 'forbidden'
              : response.status < 300
                ? 'allowed'
                : `status ${response.status}: ${JSON.stringify(response.body)}`;
          const want = expected(endpoint, role, location);
          if (got !== want) mismatches.push(`${endpoint.name} as ${role} at ${location}: want ${want}, got ${got}`);
          if (response.status === 403) expect(response.headers['content-type']).toContain('application/problem+json');
        }
      }
      const anonymous = await endpoint.request(api, 'store-1', ++n);
      const refused = await api.as(undefined)(
        endpoint.method,
        anonymous.url,
        anonymous.body,
        typeof anonymous.body === 'string' ? { 'content-type': 'text/csv' } : {},
      );
      if (refused.status !== 401) mismatches.push(`${endpoint.name} without a token: want 401, got ${refused.status}`);
    }
    expect(mismatches).toEqual([]);
    expect((await api.store.db.selectFrom('movements').select('id').execute()).length).toBeGreaterThan(0);
    const { verifyLedger } = await import('../../src/ledger/index.js');
    expect((await verifyLedger(api.store)).ok).toBe(true);
  });

  it('lets viewers read, refuses a revoked or unknown token, and keeps the audit log for admins', async () => {
    const api = await testApi(database);
    expect((await api.as(api.tokens.viewer)('GET', '/api/v1/stock?sku=TEA&location=store-1')).status).toBe(200);
    expect((await api.as('omni_not-a-token')('GET', '/api/v1/locations')).status).toBe(401);
    expect((await api.as(api.tokens.admin)('DELETE', '/api/v1/tokens/viewer')).status).toBe(200);
    expect((await api.as(api.tokens.viewer)('GET', '/api/v1/locations')).status).toBe(401);

    await api.as(api.tokens.clerk)(
      'POST',
      '/api/v1/movements/receive',
      { location: 'store-1', lines: [{ sku: 'MUG', quantity: 2 }] },
      { 'idempotency-key': 'a-1' },
    );
    const movements = await api.as(api.tokens.admin)('GET', '/api/v1/movements?location=store-1');
    expect(movements.body.items.at(-1)).toMatchObject({ actor: 'clerk', sku: 'MUG' });
    expect((await api.as(api.tokens.planner)('GET', '/api/v1/audit')).status).toBe(403);
    const audit = await api.as(api.tokens.admin)('GET', '/api/v1/audit?actor=clerk');
    expect(audit.body.items[0]).toMatchObject({
      actor: 'clerk',
      action: 'POST /api/v1/movements/receive',
      target: 'store-1',
      status: 201,
      idempotencyKey: 'a-1',
    });
  });

  it("refuses a token limited to store-1 every act on other locations' transits and quarantines, and allows its own", async () => {
    const { api } = await scopedApi(database);
    const admin = api.as(api.tokens.admin);
    const clerk = api.as(api.tokens.clerk);
    for (const location of ['dc-1', 'store-1', 'store-2'])
      expect(
        (await admin('POST', '/api/v1/movements/receive', { location, lines: [{ sku: 'TEA', quantity: 50 }] })).status,
      ).toBe(201);
    // Another location's stock on its way and in quarantine: a lightweight transfer, a transfer order, a return.
    const ship = (transferId: string, to: string) =>
      admin('POST', '/api/v1/transfers/ship', { transferId, from: 'dc-1', to, lines: [{ sku: 'TEA', quantity: 5 }] });
    expect((await ship('L-2', 'store-2')).status).toBe(201);
    const order = (id: string, to: string) =>
      api.services.transferOrders.create({
        id,
        from: 'dc-1',
        to,
        lines: [{ sku: 'TEA', quantity: 5 }],
        ship: true,
        actor: 'test',
      });
    await order('T-2', 'store-2');
    const quarantined = await api.services.returns.receive({
      location: 'store-2',
      reason: 'defective',
      lines: [{ sku: 'TEA', quantity: 2, disposition: 'quarantine' }],
      actor: 'test',
    });
    const before = await api.store.db.selectFrom('movements').select('id').execute();

    const raw = (from: string, to: string, kind: string, reason?: string) => ({
      url: '/api/v1/movements',
      body: { movements: [{ sku: 'TEA', from, to, quantity: 1, kind, ...(reason ? { reason } : {}) }] },
    });
    const leaks: Record<string, { url: string; body?: unknown }> = {
      "transfer_receive from another transfer's transit into its store": raw(
        'transit:L-2',
        'store-1',
        'transfer_receive',
      ),
      "transfer_receive from another transfer order's transit": raw('transit:T-2', 'store-1', 'transfer_receive'),
      "scrap out of another transfer's transit": raw('transit:L-2', 'scrap', 'scrap', 'lost'),
      "transfer_shortfall out of another transfer's transit": raw(
        'transit:T-2',
        'adjustment',
        'transfer_shortfall',
        'lost',
      ),
      'scrap out of quarantine:store-2': raw('quarantine:store-2', 'scrap', 'scrap', 'broken'),
      'release out of quarantine:store-2': raw('quarantine:store-2', 'store-1', 'release'),
      'return_to_vendor out of quarantine:store-2': raw('quarantine:store-2', 'supplier', 'return_to_vendor', 'faulty'),
      'return into quarantine:store-2': raw('customer', 'quarantine:store-2', 'return'),
      "receiving another store's transfer into its own": {
        url: '/api/v1/transfers/receive',
        body: { transferId: 'L-2', to: 'store-1', lines: [{ sku: 'TEA', quantity: 1 }] },
      },
      "shipping into another location's transfer": {
        url: '/api/v1/transfers/ship',
        body: { transferId: 'L-2', from: 'store-1', to: 'store-2', lines: [{ sku: 'TEA', quantity: 1 }] },
      },
      "receiving another store's transfer order": {
        url: '/api/v1/transfer-orders/T-2/receive',
        body: { lines: [{ sku: 'TEA', quantity: 1 }] },
      },
      "inspecting another store's return": {
        url: `/api/v1/returns/${quarantined.return.id}/lines/TEA/inspect`,
        body: { outcome: 'restock' },
      },
    };
    const got: Record<string, number> = {};
    for (const [name, { url, body }] of Object.entries(leaks)) {
      const response = await clerk('POST', url, body);
      got[name] = response.status;
      if (response.status === 403) expect(response.body).toMatchObject({ code: 'forbidden' });
    }
    expect(got).toEqual(Object.fromEntries(Object.keys(leaks).map((name) => [name, 403])));
    expect(await api.store.db.selectFrom('movements').select('id').execute()).toHaveLength(before.length);

    // Its own: a transfer to store-1 received (with a shortfall), a transfer sent, a return quarantined and inspected.
    expect((await ship('L-1', 'store-1')).status).toBe(201);
    const receipt = await clerk('POST', '/api/v1/transfers/receive', {
      transferId: 'L-1',
      to: 'store-1',
      reason: 'torn',
      lines: [{ sku: 'TEA', quantity: 4, shortfall: 1 }],
    });
    expect(receipt.status).toBe(201);
    await order('T-1', 'store-1');
    const orderReceipt = await clerk('POST', '/api/v1/transfer-orders/T-1/receive', {
      reason: 'torn',
      lines: [{ sku: 'TEA', quantity: 4, shortfall: 1 }],
    });
    expect(orderReceipt.status).toBe(200);
    const sent = await clerk('POST', '/api/v1/transfers/ship', {
      transferId: 'L-3',
      from: 'store-1',
      to: 'dc-1',
      lines: [{ sku: 'TEA', quantity: 2 }],
    });
    expect(sent.status).toBe(201);
    const taken = await clerk('POST', '/api/v1/returns', {
      location: 'store-1',
      reason: 'defective',
      lines: [{ sku: 'TEA', quantity: 1, disposition: 'quarantine' }],
    });
    expect(taken.status).toBe(201);
    const inspected = await clerk('POST', `/api/v1/returns/${taken.body.return.id}/lines/TEA/inspect`, {
      outcome: 'scrap',
    });
    expect(inspected.status).toBe(200);
    // Within its scope, a raw posting is still refused: its own quarantine moves only through the return.
    const own = await clerk(
      'POST',
      raw('customer', 'quarantine:store-1', 'return').url,
      raw('customer', 'quarantine:store-1', 'return').body,
    );
    expect(own).toMatchObject({ status: 409, body: { code: 'held_by_document' } });
    const { verifyLedger } = await import('../../src/ledger/index.js');
    expect(await verifyLedger(api.store)).toMatchObject({ ok: true });
  });

  it('binds admins to their locations: no closing another store, importing its stock or minting wider tokens', async () => {
    const { api, tokens } = await scopedApi(database);
    const storeAdmin = api.as(tokens.storeAdmin);
    const admin = api.as(api.tokens.admin);

    const closed = await storeAdmin('PATCH', '/api/v1/locations/store-2', { status: 'closed' });
    expect(closed).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect((await admin('GET', '/api/v1/locations/store-2')).body.status).toBe('active');
    expect((await storeAdmin('PATCH', '/api/v1/locations/store-1', { status: 'disrupted' })).status).toBe(200);
    const imported = await storeAdmin('POST', '/api/v1/imports/stock', 'location,sku,quantity\nstore-2,TEA,99\n', {
      'content-type': 'text/csv',
    });
    expect(imported.status).toBe(403);
    expect(imported.body.detail).toContain('needs a token without location limits');
    expect((await admin('GET', '/api/v1/stock?sku=TEA&location=store-2')).body.onHand).toBe(0);

    // Tokens: never a higher role or a wider scope than its own, and only at places that exist.
    const mint = (body: object) => storeAdmin('POST', '/api/v1/tokens', body);
    expect(await mint({ name: 'root', role: 'admin' })).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect((await mint({ name: 'wide', role: 'admin', locations: ['store-1', 'store-2'] })).status).toBe(403);
    expect((await mint({ name: 'other', role: 'operator', locations: ['store-2'] })).status).toBe(403);
    const till = await mint({ name: 'till-1', role: 'operator', locations: ['store-1'] });
    expect(till).toMatchObject({ status: 201, body: { role: 'operator', locations: ['store-1'] } });
    const sale = await api.as(till.body.token)('POST', '/api/v1/movements/receive', {
      location: 'store-1',
      lines: [{ sku: 'MUG', quantity: 1 }],
    });
    expect(sale.status).toBe(201);
    expect((await api.as(api.tokens.planner)('POST', '/api/v1/tokens', { name: 'p', role: 'viewer' })).status).toBe(
      403,
    );
    expect(
      await admin('POST', '/api/v1/tokens', { name: 'ghost', role: 'viewer', locations: ['store-9'] }),
    ).toMatchObject({ status: 404, body: { code: 'unknown_location' } });
    expect(
      (await admin('POST', '/api/v1/tokens', { name: 'ghost', role: 'viewer', locations: ['transit:T-1'] })).status,
    ).toBe(400);

    // It sees and revokes only the tokens within its scope.
    const listed = (await storeAdmin('GET', '/api/v1/tokens')).body.items.map((t: { name: string }) => t.name);
    expect(listed.sort()).toEqual(['clerk', 'store-admin', 'till-1']);
    expect((await storeAdmin('DELETE', '/api/v1/tokens/operator')).status).toBe(403);
    expect((await storeAdmin('DELETE', '/api/v1/tokens/clerk')).status).toBe(200);

    // What acts on the whole network needs an unlimited token, whatever its role.
    expect((await storeAdmin('GET', '/api/v1/audit')).status).toBe(403);
    expect((await storeAdmin('PUT', '/api/v1/settings/lock-date', { lockDate: '2020-01-01T00:00:00Z' })).status).toBe(
      403,
    );
    expect(
      (await storeAdmin('POST', '/api/v1/webhooks', { url: 'http://127.0.0.1:9/x', eventTypes: ['movements.posted'] }))
        .status,
    ).toBe(403);
    const storePlanner = await api.services.tokens.create(
      { name: 'store-planner', role: 'planner', locations: ['store-1'] },
      'test',
    );
    const planner = api.as(storePlanner.token);
    expect((await planner('POST', '/api/v1/forecasts/runs', { horizon: 7 })).status).toBe(403);
    expect((await planner('POST', '/api/v1/locations/store-1/reroute')).status).toBe(403);
  });
});
