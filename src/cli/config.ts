import { readConfigFile, withConfigFile } from '../config/index.js';
import type { ConfigFile } from '../config/index.js';

let loaded: ConfigFile = {};

/**
 * Reads the config file (`--config`, else OMNISTOCK_CONFIG, else ./omnistock.json if present) and
 * fills in the environment variables it sets that are not set already, before a command runs.
 */
export function loadConfig(path: string | undefined): void {
  loaded = readConfigFile(path ?? process.env.OMNISTOCK_CONFIG);
  const merged = withConfigFile(loaded, process.env);
  for (const [name, value] of Object.entries(merged)) if (process.env[name] === undefined) process.env[name] = value;
}

/** The network's sourcing costs from the config file, if it gives them. */
export function configuredSourcing(): ConfigFile['sourcing'] {
  return loaded.sourcing;
}

/** The column mapping the config file gives for importing `dataset`, if any. */
export function configuredMappings(dataset: string): Record<string, string> | undefined {
  return loaded.import?.mappings[dataset];
}
