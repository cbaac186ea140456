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

const countAt = async (api: TestApi, location: string) => {
  await stockAt(api, location);
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
    request: async (api, l) => (await stockAt(api, l), { url: '/api/v1/counts', body: { location: l } }),
  },
  {
    name: 'count a line',
    method: 'PUT',
    request: async (api, l) => ({ url: `/api/v1/counts/${await countAt(api, l)}/lines/TEA`, body: { quantity: 50 } }),
  },
  {
    name: 'submit count',
    method: 'POST',
    request: async (api, l) => ({ url: `/api/v1/counts/${await countAt(api, l)}/submit` }),
  },
  {
    name: 'approve count',
    method: 'POST',
    plan: true,
    request: async (api, l) => {
      const id = await countAt(api, l);
      await api.services.cycleCounts.count(id, 'TEA', { quantity: 1_000_000, actor: 'test' });
      await api.services.cycleCounts.submit(id, 'test');
      return { url: `/api/v1/counts/${id}/approve` };
    },
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
    method: 'POST',
    plan: true,
    request: async (_, l) => ({ url: `/api/v1/locations/${l}/reroute` }),
  },
  {
    name: 'create location',
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
    method: 'POST',
    admin: true,
    request: async (_, l, n) => ({ url: '/api/v1/products', body: { sku: `NEW-${l}-${n}`, name: 'New' } }),
  },
  {
    name: 'update product',
    method: 'PATCH',
    admin: true,
    request: async () => ({ url: '/api/v1/products/TEA', body: { price: 5 } }),
  },
  {
    name: 'create supplier',
    method: 'POST',
    admin: true,
    request: async (_, l, n) => ({
      url: '/api/v1/suppliers',
      body: { id: `sup-${l}-${n}`, name: 'S', leadTimeDays: 3 },
    }),
  },
  {
    name: 'update supplier',
    method: 'PATCH',
    admin: true,
    request: async (api, l, n) => {
      await api.services.suppliers.create({ id: `upd-${l}-${n}`, name: 'S', leadTimeDays: 3 });
      return { url: `/api/v1/suppliers/upd-${l}-${n}`, body: { packSize: 6 } };
    },
  },
  {
    name: 'supplier item',
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
    admin: true,
    request: async (_, l, n) => ({ url: '/api/v1/tokens', body: { name: `t-${l}-${n}`, role: 'viewer' } }),
  },
  {
    name: 'revoke token',
    method: 'DELETE',
    admin: true,
    request: async (api, l, n) => {
      const t = await api.services.tokens.create({ name: `gone-${l}-${n}`, role: 'viewer' }, 'test');
      return { url: `/api/v1/tokens/${t.id}` };
    },
  },
  {
    name: 'create webhook',
    method: 'POST',
    admin: true,
    request: async () => ({
      url: '/api/v1/webhooks',
      body: { url: 'http://127.0.0.1:9/hook', eventTypes: ['movements.posted'] },
    }),
  },
];

type Role = 'admin' | 'planner' | 'operator' | 'clerk' | 'viewer';
const ROLES: Role[] = ['admin', 'planner', 'operator', 'clerk', 'viewer'];

/** What each caller should get: allowed (2xx), forbidden (403). */
function expected(endpoint: WriteEndpoint, role: Role, location: 'store-1' | 'store-2'): 'allowed' | 'forbidden' {
  if (role === 'admin') return 'allowed';
  if (endpoint.admin || role === 'viewer') return 'forbidden';
  if (endpoint.plan && role !== 'planner') return 'forbidden';
  if (role === 'clerk' && location === 'store-2') return 'forbidden';
  return 'allowed';
}

forEachDatabase((database) => {
  it('allows and refuses every write endpoint by role and location scope', async () => {
    const api = await testApi(database);
    let n = 0;
    const mismatches: string[] = [];
    for (const endpoint of endpoints) {
      for (const role of ROLES) {
        for (const location of ['store-1', 'store-2'] as const) {
          n += 1;
          const { url, body } = await endpoint.request(api, location, n);
          const response = await api.as(api.tokens[role])(endpoint.method, url, body);
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
      const refused = await api.as(undefined)(endpoint.method, anonymous.url, anonymous.body);
      if (refused.status !== 401) mismatches.push(`${endpoint.name} without a token: want 401, got ${refused.status}`);
    }
    expect(mismatches).toEqual([]);
    expect((await api.services.store.db.selectFrom('movements').select('id').execute()).length).toBeGreaterThan(0);
    const { verifyLedger } = await import('../../src/ledger/index.js');
    expect((await verifyLedger(api.services.store)).ok).toBe(true);
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
});
