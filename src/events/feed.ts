import type { Store } from '../store/index.js';
import type { OmnistockEvent } from './event.js';
import { eventsAfter, latestPosition } from './events.service.js';

export interface EventFeedOptions {
  /** How often the reader looks even without a signal (another process's relay on SQLite, a lost NOTIFY). */
  pollMs?: number;
  /** How many recent events are kept for readers that resume a little behind. */
  keep?: number;
}

/** A reader of the feed: gets every event after `position`, in order, once. */
interface Reader {
  position: number;
  live: boolean;
  deliver(events: readonly OmnistockEvent[]): void | Promise<void>;
}

const PAGE = 500;
/** How long a position read while no reader runs is taken for the newest. */
const FRESH_MS = 1_000;
const MOST_BACKOFF_MS = 5_000;

/**
 * One reader of the events table per process, whatever the number of listeners: it reads when the relay
 * signals new events (NOTIFY on PostgreSQL, within the process on SQLite) or every `pollMs`, and hands
 * each event to every subscriber. An idle listener costs no statement. A subscriber that resumes behind
 * (Last-Event-ID) is served from the recent events kept in memory, or reads its own way up to them
 * first. While the database is away the reader tries again with growing waits; subscribers stay connected.
 *
 * @example
 * const feed = new EventFeed(store);
 * const stop = await feed.subscribe(await feed.head(), (events) => send(events));
 */
export class EventFeed {
  readonly #store: Store;
  readonly #pollMs: number;
  readonly #keep: number;
  readonly #readers = new Set<Reader>();
  /** The newest event read so far; events after `#keptFrom` up to it are in `#recent`. */
  #head: number | undefined;
  #headReadAt = 0;
  #keptFrom = 0;
  #recent: OmnistockEvent[] = [];
  #running: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  #signalled = false;
  #closed = false;
  /** Statements the feed has run against the events table (for tests and metrics). */
  reads = 0;

  constructor(store: Store, options: EventFeedOptions = {}) {
    this.#store = store;
    this.#pollMs = options.pollMs ?? (store.capabilities.name === 'postgres' ? 2_000 : 1_000);
    this.#keep = options.keep ?? 2_000;
  }

  /** The position of the newest event; a subscriber from here gets only what comes next. */
  async head(): Promise<number> {
    // While the reader runs it knows the newest event; a position read a moment ago (by the request
    // that now subscribes) will do too. Otherwise the table is asked: events may have come while nobody
    // listened, and what was kept from before is stale.
    if (this.#head !== undefined && (this.#running || Date.now() - this.#headReadAt < FRESH_MS)) return this.#head;
    const head = await latestPosition(this.#store.db);
    this.reads++;
    if (this.#running && this.#head !== undefined) return this.#head;
    this.#head = this.#keptFrom = head;
    this.#headReadAt = Date.now();
    this.#recent = [];
    return head;
  }

  /**
   * Calls `deliver` with every event after `position`, in order, until the returned function is called
   * or `signal` aborts. While it catches up from the database, a promise `deliver` returns is waited for
   * before the next page is read (a slow client is not sent the whole history at once). Fails, and
   * subscribes nothing, when the database cannot be read to catch up.
   */
  async subscribe(
    position: number,
    deliver: (events: readonly OmnistockEvent[]) => void | Promise<void>,
    signal?: AbortSignal,
  ): Promise<() => void> {
    const reader: Reader = { position, live: false, deliver };
    await this.head();
    this.#readers.add(reader);
    this.#start();
    const stop = () => void this.#readers.delete(reader);
    try {
      await this.#catchUp(reader, signal);
    } catch (error) {
      stop();
      throw error;
    }
    if (signal?.aborted) stop();
    return stop;
  }

  /** Reads now rather than at the next poll. */
  wake(): void {
    this.#signalled = true;
    this.#wake?.();
  }

  get subscribers(): number {
    return this.#readers.size;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#readers.clear();
    this.wake();
    await this.#running;
  }

  /** Brings a reader that starts behind the kept events up to them, reading pages of its own. */
  async #catchUp(reader: Reader, signal: AbortSignal | undefined): Promise<void> {
    while (reader.position < this.#keptFrom && !signal?.aborted) {
      const page = await eventsAfter(this.#store, reader.position, PAGE);
      this.reads++;
      if (page.length === 0) break;
      reader.position = page.at(-1)!.position;
      await reader.deliver(page);
    }
    if (signal?.aborted) return;
    // From here on nothing awaits until `live` is set: the loop cannot slip an event in between.
    this.#hand(reader, this.#recent);
    reader.live = true;
  }

  #hand(reader: Reader, events: readonly OmnistockEvent[]): void {
    const fresh = events.filter((event) => event.position > reader.position);
    if (fresh.length === 0) return;
    reader.position = fresh.at(-1)!.position;
    void reader.deliver(fresh);
  }

  #start(): void {
    if (this.#running) return;
    const stopListening = this.#store.signals.listen('events', () => this.wake());
    const stopWatching = this.#store.health.onChange((state) => {
      if (state.available) this.wake();
    });
    this.#running = this.#read().finally(() => {
      stopListening();
      stopWatching();
      this.#running = undefined;
      // A subscriber that came as the loop was ending needs it back.
      if (this.#readers.size > 0 && !this.#closed) this.#start();
    });
  }

  /** The one loop that reads new events, for as long as anyone listens. */
  async #read(): Promise<void> {
    let backoff = 0;
    while (this.#readers.size > 0 && !this.#closed) {
      this.#signalled = false;
      let events: OmnistockEvent[];
      try {
        const head = await this.head();
        events = await eventsAfter(this.#store, head, PAGE);
        this.reads++;
        backoff = 0;
      } catch {
        // The database is away (the store's health says so, once): try again, less and less often,
        // or as soon as anything finds it back.
        backoff = Math.min(Math.max(backoff * 2, 250), MOST_BACKOFF_MS);
        await this.#idle(backoff);
        continue;
      }
      if (events.length > 0) this.#take(events);
      if (events.length === PAGE || this.#signalled) continue;
      await this.#idle(this.#pollMs);
    }
  }

  #take(events: OmnistockEvent[]): void {
    this.#head = events.at(-1)!.position;
    this.#recent.push(...events);
    if (this.#recent.length > this.#keep) {
      const dropped = this.#recent.splice(0, this.#recent.length - this.#keep);
      this.#keptFrom = dropped.at(-1)!.position;
    }
    for (const reader of this.#readers) if (reader.live) this.#hand(reader, events);
  }

  /** Waits for a signal, or `ms`. */
  async #idle(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
    this.#wake = undefined;
  }
}
