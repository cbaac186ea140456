export { concerns, EVENT_TYPES } from './event.js';
export type { EventType, NewEvent, OmnistockEvent } from './event.js';
export { eventsAfter, latestPosition } from './events.service.js';
export { EventFeed } from './feed.js';
export type { EventFeedOptions } from './feed.js';
export { recordEvent } from './outbox.js';
export { relayEvents } from './relay.js';
export { createWebhooks, MAX_ATTEMPTS, NewWebhook, sign, SIGNATURE_HEADER } from './webhooks.service.js';
export type { Webhook, WebhookDelivery, Webhooks } from './webhooks.service.js';
