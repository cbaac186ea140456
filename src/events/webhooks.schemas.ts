import { z } from 'zod';
import { createdAt, time, timeOrNull } from '../output/index.js';
import { EVENT_TYPES } from './event.js';
import { MAX_ATTEMPTS } from './webhooks.service.js';

export const Webhook = z
  .object({
    id: z.string().describe("The webhook's id"),
    url: z.string().describe('Where events are sent, each as a signed JSON POST'),
    eventTypes: z.array(z.enum(EVENT_TYPES)).describe('The event types it receives'),
    createdAt,
    createdBy: z.string().describe('Who registered it'),
  })
  .meta({ id: 'Webhook', description: 'A URL that receives events' });
export type Webhook = z.output<typeof Webhook>;

/** A webhook as registered: the only time its secret is shown. */
export const WebhookWithSecret = Webhook.extend({
  secret: z.string().describe('The secret deliveries are signed with. Shown in this answer only'),
});
export type WebhookWithSecret = z.output<typeof WebhookWithSecret>;

/** Where a delivery stands: tried until answered 2xx, or given up after `MAX_ATTEMPTS`. */
export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const WebhookDelivery = z
  .object({
    id: z.string().describe("The delivery's id"),
    webhookId: z.string().describe('The webhook'),
    eventId: z.string().describe('The event delivered'),
    status: z
      .enum(DELIVERY_STATUSES)
      .describe(
        `\`pending\` until answered 2xx (\`delivered\`) or given up after ${MAX_ATTEMPTS} attempts (\`failed\`)`,
      ),
    attempts: z.number().int().describe('Attempts made so far'),
    nextAttemptAt: time('When a pending delivery is tried next; waits double from 1 s'),
    lastAttemptAt: timeOrNull('When it was last tried; null before the first attempt'),
    lastStatusCode: z
      .number()
      .int()
      .nullable()
      .describe(
        'The HTTP status the receiver last answered; null before the first attempt, or if it could not be reached',
      ),
    lastError: z.string().nullable().describe('Why the last attempt failed; null if it did not fail'),
  })
  .meta({ id: 'WebhookDelivery', description: "One event's delivery to one webhook" });
export type WebhookDelivery = z.output<typeof WebhookDelivery>;
