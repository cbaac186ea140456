// Run as its own process by the concurrency test: takes `count` single-unit reservations of TEA at
// store-1 in the SQLite file `url`, all at once, and prints how many it got.
import { createReservations } from '../../src/ledger/index.js';
import { openStore } from '../../src/store/index.js';

const [url, count] = process.argv.slice(2);
const store = await openStore(url!);
const reservations = createReservations(store);
const outcomes = await Promise.allSettled(
  Array.from({ length: Number(count) }, () =>
    reservations.take({ sku: 'TEA', location: 'store-1', quantity: 1, actor: `pid-${process.pid}` }),
  ),
);
const unexpected = outcomes.filter(
  (o) => o.status === 'rejected' && (o.reason as { code?: string }).code !== 'insufficient_stock',
);
await store.close();
console.log(
  JSON.stringify({
    taken: outcomes.filter((o) => o.status === 'fulfilled').length,
    refused: outcomes.length - outcomes.filter((o) => o.status === 'fulfilled').length,
    unexpected: unexpected.map((o) => String((o as PromiseRejectedResult).reason)),
  }),
);
