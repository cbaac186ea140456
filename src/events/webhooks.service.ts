import { createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { DomainError, parseInput } from '../errors/index.js';
import { identifier } from '../input/index.js';
import { newId, toIsoString, toPage } from '../store/index.js';
import type { Page, Store } from '../store/index.js';
import { EVENT_TYPES, toEvent } from './event.js';
import type { EventType } from './event.js';
import type { Webhook, WebhookDelivery, WebhookWithSecret } from './webhooks.schemas.js';

/** The header carrying a delivery's signature: `sha256=` and the hex HMAC-SHA256 of the body. */
export const SIGNATURE_HEADER = 'omnistock-signature';

/** How long a process may take to send a delivery it claimed before another may try. */
const CLAIM_MS = 60_000;

/** Attempts before a delivery is given up as failed; waits between them double from 1 s. */
export const MAX_ATTEMPTS = 8;

export const NewWebhook = z.strictObject({
  // No control characters: the URL parser would drop a tab or newline silently, and store a NUL in the path.
  url: identifier(2000)
    .pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }))
    .describe('Where each event is sent, as a POST of the JSON event: an http or https URL of up to 2,000 characters'),
  eventTypes: z
    .array(z.enum(EVENT_TYPES))
    .min(1, { error: 'subscribe to at least one event type' })
    .describe('The event types to send to it, at least one'),
  secret: identifier(200)
    .min(16, { error: 'use at least 16 characters' })
    .optional()
    .describe(
      'The shared secret each delivery is signed with (HMAC-SHA256 of the body, in the Omnistock-Signature header), 16–200 characters. Left out: one is generated',
    ),
});
export type NewWebhook = z.input<typeof NewWebhook>;

/** HMAC-SHA256 of `body` with `secret`, as the signature header carries it. */
export function sign(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * Which page of a list: at most `limit` items, after the previous page's cursor. The API checks both
 * with the catalog's `ListQuery`, which this module cannot import (the catalog records events).
 */
export interface PageRequest {
  after?: string | undefined;
  limit: number;
}

export interface Webhooks {
  /** Registers a webhook; the answer carries the secret, the only time it is shown. */
  create(input: NewWebhook, actor: string): Promise<WebhookWithSecret>;
  /** A page of the webhooks, oldest first. */
  list(page: PageRequest): Promise<Page<Webhook>>;
  remove(id: string): Promise<void>;
  /** A page of a webhook's delivery attempts, newest first: `after` goes on to older ones. */
  deliveries(webhookId: string, page: PageRequest): Promise<Page<WebhookDelivery>>;
  /** Sends every delivery that is due and not claimed by another process; returns how many it sent. */
  deliverDue(now?: Date): Promise<number>;
}

export function createWebhooks(store: Store, send: typeof fetch = fetch): Webhooks {
  const { db } = store;
  return {
    async create(raw, actor) {
      const input = parseInput(NewWebhook, raw);
      const secret = input.secret ?? randomBytes(24).toString('base64url');
      const now = new Date().toISOString();
      const id = newId();
      await db
        .insertInto('webhooks')
        .values({
          id,
          url: input.url,
          event_types: JSON.stringify(input.eventTypes),
          secret,
          created_at: now,
          created_by: actor,
        })
        .execute();
      return { id, url: input.url, eventTypes: input.eventTypes, createdAt: now, createdBy: actor, secret };
    },

    async list(page) {
      let query = db
        .selectFrom('webhooks')
        .selectAll()
        .where('deleted_at', 'is', null)
        .orderBy('id')
        .limit(page.limit + 1);
      if (page.after !== undefined) query = query.where('id', '>', page.after);
      const webhooks = (await query.execute()).map((r) => ({
        id: r.id,
        url: r.url,
        eventTypes: JSON.parse(r.event_types) as EventType[],
        createdAt: toIsoString(r.created_at),
        createdBy: r.created_by,
      }));
      return toPage(webhooks, page.limit, (w) => w.id);
    },

    async remove(id) {
      const result = await db
        .updateTable('webhooks')
        .set({ deleted_at: new Date().toISOString() })
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0)
        throw new DomainError('not_found', `Webhook '${id}' does not exist`, { webhookId: id });
    },

    async deliveries(webhookId, page) {
      let query = db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('webhook_id', '=', webhookId)
        .orderBy('id', 'desc')
        .limit(page.limit + 1);
      if (page.after !== undefined) query = query.where('id', '<', page.after);
      const deliveries = (await query.execute()).map((r) => ({
        id: r.id,
        webhookId: r.webhook_id,
        eventId: r.event_id,
        status: r.status as WebhookDelivery['status'],
        attempts: r.attempts,
        nextAttemptAt: toIsoString(r.next_attempt_at),
        lastAttemptAt: r.last_attempt_at ? toIsoString(r.last_attempt_at) : null,
        lastStatusCode: r.last_status_code,
        lastError: r.last_error,
      }));
      return toPage(deliveries, page.limit, (d) => d.id);
    },

    async deliverDue(now = new Date()) {
      const due = await db
        .selectFrom('webhook_deliveries as d')
        .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
        .innerJoin('events as e', 'e.id', 'd.event_id')
        .select([
          'd.id',
          'd.attempts',
          'w.url',
          'w.secret',
          'e.id as event_id',
          'e.type',
          'e.payload',
          'e.recorded_at',
          'e.position',
        ])
        .where('d.status', '=', 'pending')
        .where('d.next_attempt_at', '<=', now.toISOString())
        .where('w.deleted_at', 'is', null)
        .orderBy('d.next_attempt_at')
        .limit(100)
        .execute();
      const sent = await Promise.all(
        due.map(async (delivery) => {
          // Claim it first: with several API processes, only the one whose claim lands sends it. A
          // process that dies mid-send leaves the claim to lapse, and the delivery is tried again
          // (delivery is at least once; receivers recognise a repeat by the event id).
          const claim = await db
            .updateTable('webhook_deliveries')
            .set({ next_attempt_at: new Date(Date.now() + CLAIM_MS).toISOString() })
            .where('id', '=', delivery.id)
            .where('status', '=', 'pending')
            .where('next_attempt_at', '<=', now.toISOString())
            .executeTakeFirst();
          if (Number(claim.numUpdatedRows) === 0) return false;
          const event = toEvent({
            id: delivery.event_id,
            type: delivery.type,
            payload: delivery.payload,
            recorded_at: delivery.recorded_at,
            position: delivery.position,
          });
          const body = JSON.stringify(event);
          let statusCode: number | null = null;
          let error: string | null = null;
          try {
            const response = await send(delivery.url, {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                [SIGNATURE_HEADER]: sign(delivery.secret, body),
                'omnistock-event': event.type,
              },
              body,
              signal: AbortSignal.timeout(10_000),
            });
            statusCode = response.status;
            await response.body?.cancel();
          } catch (cause) {
            error = cause instanceof Error ? cause.message : String(cause);
          }
          const attempts = delivery.attempts + 1;
          const delivered = statusCode !== null && statusCode >= 200 && statusCode < 300;
          const status = delivered ? 'delivered' : attempts >= MAX_ATTEMPTS ? 'failed' : 'pending';
          await db
            .updateTable('webhook_deliveries')
            .set({
              status,
              attempts,
              last_attempt_at: new Date().toISOString(),
              last_status_code: statusCode,
              last_error: delivered ? null : (error ?? `answered ${statusCode}`),
              next_attempt_at: new Date(Date.now() + 1000 * 2 ** (attempts - 1)).toISOString(),
            })
            .where('id', '=', delivery.id)
            .execute();
          return true;
        }),
      );
      return sent.filter(Boolean).length;
    },
  };
}
