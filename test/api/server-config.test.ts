import { expect, it } from 'vitest';
import { configFromEnvironment } from '../../src/api/server.js';
import { SERVER_LIMITS } from '../../src/store/index.js';

it('takes the database limits from the environment, and refuses one that is not a number of milliseconds', () => {
  expect(configFromEnvironment({}).limits).toEqual(SERVER_LIMITS);
  expect(
    configFromEnvironment({ OMNISTOCK_DB_LOCK_TIMEOUT_MS: '250', OMNISTOCK_DB_STATEMENT_TIMEOUT_MS: '0' }).limits,
  ).toEqual({ ...SERVER_LIMITS, lockTimeoutMs: 250, statementTimeoutMs: 0 });
  expect(() => configFromEnvironment({ OMNISTOCK_DB_CONNECT_TIMEOUT_MS: '5s' })).toThrow(
    /OMNISTOCK_DB_CONNECT_TIMEOUT_MS must be a whole number of milliseconds/,
  );
  expect(() => configFromEnvironment({ OMNISTOCK_DB_LOCK_TIMEOUT_MS: '0' })).toThrow(/from 1 to 3600000/);
  expect(() => configFromEnvironment({ OMNISTOCK_DB_STATEMENT_TIMEOUT_MS: '2000' })).toThrow(
    /OMNISTOCK_DB_LOCK_TIMEOUT_MS \(3000\) must be below OMNISTOCK_DB_STATEMENT_TIMEOUT_MS \(2000\)/,
  );
});
