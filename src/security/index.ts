export { AuditFilter, createAudit } from './audit.service.js';
export type { Audit } from './audit.service.js';
export { authorize, authorizeNetwork } from './principal.js';
export type { Principal } from './principal.js';
export { ROLES, roleAllows, roleIncludes } from './roles.js';
export type { Access, Role } from './roles.js';
export { createTokens, hashToken, NewToken } from './tokens.service.js';
export type { Tokens } from './tokens.service.js';
export { AuditEntry, Token, TokenWithSecret } from './security.schemas.js';
