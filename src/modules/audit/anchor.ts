// The audit trail's anchor outside the database, as plain functions over node:crypto.
//
// - Every event carries a MAC: HMAC-SHA256 over its number in the chain and its SHA-256 chain
//   hash, keyed with a secret the database never holds. Whoever can write the table (even its
//   superuser) can recompute the plain hashes, but not the MACs.
// - Signed checkpoints: every N events and at every budget decision the chain head (number, event
//   id, hash) is signed with Ed25519. An auditor keeps the latest checkpoint (and the public key):
//   events cut off the tail, which leave a valid chain behind, are missing against it.
// Both keys derive from one secret (AUDIT_KEY) with HKDF, so there is one thing to keep safe.
import { createHmac, createPrivateKey, createPublicKey, hkdfSync, type KeyObject, sign, timingSafeEqual, verify, createHash } from 'node:crypto';
import { canonicalJson } from '../../common/canonical-json.js';

export interface AuditKeys {
  /** HMAC key of the events' MACs. */
  macKey: Buffer;
  /** Ed25519 key that signs checkpoints. */
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** First 16 hex digits of SHA-256 of the public key (DER): names the key in every checkpoint. */
  keyId: string;
}

// PKCS#8 wrapping of a raw 32-byte Ed25519 seed (RFC 8410).
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** Derives the MAC key and the signing key from the one audit secret (at least 32 characters). */
export function auditKeysFrom(secret: string): AuditKeys {
  const ikm = Buffer.from(secret, 'utf8');
  const macKey = Buffer.from(hkdfSync('sha256', ikm, 'itbudget-audit', 'event-mac', 32));
  const seed = Buffer.from(hkdfSync('sha256', ikm, 'itbudget-audit', 'checkpoint-signing', 32));
  const privateKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey);
  return { macKey, privateKey, publicKey, keyId: publicKeyId(publicKey) };
}

export function publicKeyId(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ format: 'der', type: 'spki' })).digest('hex').slice(0, 16);
}

/** The public key as PEM (SPKI), for auditors to keep. */
export function publicKeyPem(keys: Pick<AuditKeys, 'publicKey'>): string {
  return keys.publicKey.export({ format: 'pem', type: 'spki' }).toString();
}

/** MAC of the event numbered `seq` (1, 2, 3 … with no gap) whose chain hash is `hash`. */
export function eventMac(macKey: Buffer, seq: string, hash: string): string {
  return createHmac('sha256', macKey).update(`itbudget-audit-event\n${seq}\n${hash}`).digest('hex');
}

export function macMatches(macKey: Buffer, seq: string, hash: string, mac: string | null): boolean {
  if (!mac || mac.length !== 64) return false;
  return timingSafeEqual(Buffer.from(eventMac(macKey, seq, hash), 'hex'), Buffer.from(mac, 'hex'));
}

/** A signed statement "the chain's event number `seq` is event `eventId` with hash `hash`". */
export interface Checkpoint {
  version: 1;
  /** Number of the event in the chain (a digit string; the events up to it number exactly this many). */
  seq: string;
  eventId: string;
  hash: string;
  signedAt: string;
  /** Why it was made: `every-N`, `seal` (events from before MACs), or the budget decision's action. */
  reason: string;
  keyId: string;
  /** Ed25519 signature (base64) of the canonical JSON of every other field. */
  signature: string;
}

export type UnsignedCheckpoint = Omit<Checkpoint, 'signature' | 'keyId' | 'version'>;

function signedBytes(checkpoint: Omit<Checkpoint, 'signature'>): Buffer {
  return Buffer.from(
    canonicalJson({
      version: checkpoint.version,
      seq: checkpoint.seq,
      eventId: checkpoint.eventId,
      hash: checkpoint.hash,
      signedAt: checkpoint.signedAt,
      reason: checkpoint.reason,
      keyId: checkpoint.keyId,
    }),
    'utf8',
  );
}

export function signCheckpoint(keys: AuditKeys, fields: UnsignedCheckpoint): Checkpoint {
  const unsigned = { version: 1 as const, ...fields, keyId: keys.keyId };
  return { ...unsigned, signature: sign(null, signedBytes(unsigned), keys.privateKey).toString('base64') };
}

/** True when the checkpoint is well formed and signed by `publicKey`. */
export function checkpointValid(checkpoint: unknown, publicKey: KeyObject): boolean {
  if (typeof checkpoint !== 'object' || checkpoint === null) return false;
  const c = checkpoint as Record<string, unknown>;
  const strings = ['seq', 'eventId', 'hash', 'signedAt', 'reason', 'keyId', 'signature'];
  if (c.version !== 1 || !strings.every((key) => typeof c[key] === 'string')) return false;
  if (!/^[1-9][0-9]{0,18}$/.test(c.seq as string) || !/^[0-9a-f]{64}$/.test(c.hash as string)) return false;
  try {
    return verify(null, signedBytes(c as unknown as Checkpoint), publicKey, Buffer.from(c.signature as string, 'base64'));
  } catch {
    return false;
  }
}
