import { sql } from 'kysely';
import pg from 'pg';
import type { DatabaseLimits } from '../limits.js';
import { SignalListeners } from '../signals.js';
import type { SignalChannel, Signals } from '../signals.js';
import type { Db } from '../store.js';
import { applicationName } from './postgres.dialect.js';

const RECONNECT_MS = { first: 500, most: 15_000 };

/**
 * Signals across every process on one PostgreSQL database, by NOTIFY and LISTEN. Channels are named per
 * schema, so deployments (and tests) sharing a database do not wake each other. Listening takes one
 * connection of its own, outside the pool, opened on the first `listen`; when the server ends it the
 * connection is opened again with growing waits, and every listener is called once on reconnecting,
 * since a signal sent meanwhile was lost.
 */
export function postgresSignals(db: Db, connectionString: string, schema: string, limits: DatabaseLimits): Signals {
  const listeners = new SignalListeners();
  const channelName = (channel: SignalChannel) => `omnistock_${schema}_${channel}`.slice(0, 63);
  let client: pg.Client | undefined;
  let connecting: Promise<void> | undefined;
  let retry: NodeJS.Timeout | undefined;
  let wait = RECONNECT_MS.first;
  let closed = false;

  const scheduleReconnect = () => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, wait);
    retry.unref();
    wait = Math.min(wait * 2, RECONNECT_MS.most);
  };

  const connect = (): Promise<void> =>
    (connecting ??= (async () => {
      const next = new pg.Client({
        connectionString,
        application_name: applicationName(schema === 'public' ? undefined : schema),
        connectionTimeoutMillis: limits.connectTimeoutMs,
        keepAlive: true,
      });
      let gone = false;
      const lost = () => {
        if (gone) return;
        gone = true;
        if (client === next) client = undefined;
        next.removeAllListeners('notification');
        void next.end().catch(() => {});
        scheduleReconnect();
      };
      next.on('error', lost);
      next.on('end', lost);
      try {
        await next.connect();
        for (const channel of listeners.channels) await next.query(`listen ${channelName(channel)}`);
        next.on('notification', (message) => {
          const channel = [...listeners.channels].find((c) => channelName(c) === message.channel);
          if (channel) listeners.call(channel);
        });
        if (closed) return void (await next.end());
        client = next;
        wait = RECONNECT_MS.first;
        listeners.callAll();
      } catch {
        lost();
      } finally {
        connecting = undefined;
      }
    })());

  return {
    async notify(channel) {
      await sql`select pg_notify(${channelName(channel)}, '')`.execute(db);
    },
    listen(channel, listener) {
      const known = listeners.channels.includes(channel);
      const stop = listeners.add(channel, listener);
      if (!client) void connect();
      else if (!known) client.query(`listen ${channelName(channel)}`).catch(() => {});
      return stop;
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await connecting;
      await client?.end().catch(() => {});
      client = undefined;
    },
  };
}
