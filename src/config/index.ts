export { ConfigFile, DEFAULT_CONFIG_FILE, readConfigFile, withConfigFile } from './config-file.js';
