import { z } from 'zod';

/** A moment as the API writes every one: an ISO-8601 date-time in UTC. */
export const time = (description: string) => z.string().describe(`${description} (ISO-8601, UTC)`);
/** A moment that may not have come yet; the description says what null means. */
export const timeOrNull = (description: string) => z.string().nullable().describe(`${description} (ISO-8601, UTC)`);
export const createdAt = time('When it was created');
export const updatedAt = time('When it last changed');
/** A share from 0 to 1, null while there is nothing to divide by. */
export const share = (description: string) => z.number().nullable().describe(`${description}, from 0 to 1`);
