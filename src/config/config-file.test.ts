import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { readConfigFile, withConfigFile } from './config-file.js';

const dir = mkdtempSync(join(tmpdir(), 'omnistock-config-'));
afterEach(() => rmSync(join(dir, 'omnistock.json'), { force: true }));

it('is optional, and fills in only the variables that are not set', () => {
  expect(readConfigFile(undefined, dir)).toEqual({});
  writeFileSync(
    join(dir, 'omnistock.json'),
    JSON.stringify({
      port: 8080,
      host: '0.0.0.0',
      corsOrigins: ['https://a.example', 'https://b.example'],
      demo: 'off',
    }),
  );
  const config = readConfigFile(undefined, dir);
  const env = withConfigFile(config, { HOST: '127.0.0.1' });
  expect(env).toMatchObject({
    PORT: '8080',
    HOST: '127.0.0.1',
    OMNISTOCK_CORS_ORIGINS: 'https://a.example,https://b.example',
    OMNISTOCK_DEMO: 'off',
  });
});

it('says what is wrong with a bad file, and that a named file is missing', () => {
  writeFileSync(join(dir, 'omnistock.json'), JSON.stringify({ port: 'eighty', colour: 'blue' }));
  expect(() => readConfigFile(undefined, dir)).toThrow(/port: .*number/);
  writeFileSync(join(dir, 'omnistock.json'), '{ port: 80 ');
  expect(() => readConfigFile(undefined, dir)).toThrow(/is not JSON/);
  expect(() => readConfigFile('elsewhere.json', dir)).toThrow(/does not exist/);
});

it('holds the network sourcing costs, checked like a request', () => {
  writeFileSync(join(dir, 'omnistock.json'), JSON.stringify({ sourcing: { perShipment: 6, maxParcels: 2 } }));
  expect(readConfigFile(undefined, dir).sourcing).toEqual({ perShipment: 6, maxParcels: 2 });
  writeFileSync(join(dir, 'omnistock.json'), JSON.stringify({ sourcing: { maxParcels: 0 } }));
  expect(() => readConfigFile(undefined, dir)).toThrow(/sourcing.maxParcels/);
});
