/** Whether the database answers, as last seen by any statement of this process. */
export interface DatabaseState {
  available: boolean;
  /** When the state last changed. */
  since: Date;
  /** What the last failure was, while unavailable. */
  reason: string | null;
}

/**
 * Follows whether the database answers: every statement that fails because the database is unreachable
 * or silent marks it down, the next one that succeeds marks it up again. Background work pauses on it,
 * readiness reports it and the server logs each change once, instead of once per failed statement.
 */
export class DatabaseHealth {
  #state: DatabaseState = { available: true, since: new Date(), reason: null };
  readonly #listeners = new Set<(state: DatabaseState) => void>();

  get state(): DatabaseState {
    return this.#state;
  }

  get available(): boolean {
    return this.#state.available;
  }

  failed(reason: string): void {
    if (!this.#state.available) return;
    this.#change({ available: false, since: new Date(), reason });
  }

  answered(): void {
    if (this.#state.available) return;
    this.#change({ available: true, since: new Date(), reason: null });
  }

  /** Calls `listener` on every change of state; returns a function that stops it. */
  onChange(listener: (state: DatabaseState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #change(state: DatabaseState): void {
    this.#state = state;
    for (const listener of this.#listeners) listener(state);
  }
}
