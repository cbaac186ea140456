/**
 * Wake-up calls between the processes that share a database: a process that committed a change
 * notifies a channel, and every process listening on it (itself included) looks at the database again
 * at once instead of on its next poll. A signal carries nothing but its channel; it may be lost (a
 * listener reconnecting), so listeners still poll now and then.
 */
export interface Signals {
  /** Tells every listener of `channel`, in this process and others, that something changed. */
  notify(channel: SignalChannel): Promise<void>;
  /** Calls `listener` whenever `channel` is notified; returns a function that stops it. */
  listen(channel: SignalChannel, listener: () => void): () => void;
  close(): Promise<void>;
}

/** The channels Omnistock signals on: `events` when the relay has given new events their positions. */
export type SignalChannel = 'events';

/** Listeners per channel, for the implementations to share. */
export class SignalListeners {
  readonly #listeners = new Map<SignalChannel, Set<() => void>>();

  add(channel: SignalChannel, listener: () => void): () => void {
    const set = this.#listeners.get(channel) ?? new Set();
    set.add(listener);
    this.#listeners.set(channel, set);
    return () => set.delete(listener);
  }

  call(channel: SignalChannel): void {
    for (const listener of this.#listeners.get(channel) ?? []) listener();
  }

  callAll(): void {
    for (const channel of this.#listeners.keys()) this.call(channel);
  }

  get channels(): SignalChannel[] {
    return [...this.#listeners].filter(([, set]) => set.size > 0).map(([channel]) => channel);
  }
}

/**
 * Signals within this process only: SQLite has no way to reach other processes on the same file, whose
 * changes listeners find by polling.
 */
export function processSignals(): Signals {
  const listeners = new SignalListeners();
  return {
    notify: async (channel) => queueMicrotask(() => listeners.call(channel)),
    listen: (channel, listener) => listeners.add(channel, listener),
    close: async () => {},
  };
}
