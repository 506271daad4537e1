// The RSA keys that sign digest files (SEMANTICS.md §17.11): one current key per region, shared by
// every account, created on first need and valid 30 days; when it expires a new one is created.
// Private keys are kept in the emulator's state (PKCS#8, base64), so a restarted emulator signs
// with the key it published. The RSA itself is lent by the entry point (state.services.signer).
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { DAY } from '../../clock';
import { toBase64 } from '../../hash';
import type { EmulatorState } from '../../state';

/** The entity collection of signing keys, keyed `<region>|<validFrom>`. */
export const SIGNING_KEYS = 'trail-signing-keys';

/** How long a key signs: 30 days from its creation, as the documented keys (§17.11). */
export const KEY_VALIDITY = 30 * DAY;

/** A signing key as saved; times are epoch milliseconds. */
export interface StoredSigningKey {
  readonly region: string;
  /** First 32 hex chars of SHA-256 of the public key's DER (§17.11 Decision). */
  readonly fingerprint: string;
  /** base64 of the DER PKCS#1 RSAPublicKey (ListPublicKeys `Value`). */
  readonly publicKey: string;
  /** base64 of the DER PKCS#8 private key. */
  readonly privateKey: string;
  readonly validFrom: number;
  readonly validTo: number;
}

/** The fingerprint of a public key: the first 32 hex characters of SHA-256 of its DER (§17.11). */
export function keyFingerprint(publicKeyPkcs1: Uint8Array): string {
  return bytesToHex(sha256(publicKeyPkcs1)).slice(0, 32);
}

/** Bytes of standard base64. */
export function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

/** The keys of a region, oldest first. */
export function regionKeys(state: EmulatorState, region: string): StoredSigningKey[] {
  return [...state.table<StoredSigningKey>(SIGNING_KEYS).values()]
    .filter((key) => key.region === region)
    .sort((a, b) => a.validFrom - b.validFrom);
}

/** The keys of a region whose validity overlaps [start, end] (ListPublicKeys). */
export function keysOverlapping(state: EmulatorState, region: string, start: number, end: number): StoredSigningKey[] {
  return regionKeys(state, region).filter((key) => key.validFrom <= end && key.validTo > start);
}

/**
 * The key that signs in `region` at `at`: the newest one valid then, else a new one valid from
 * `at` for 30 days. Undefined when the entry point lent no signer (digests are then not written).
 */
export async function signingKeyAt(
  state: EmulatorState,
  region: string,
  at: number,
): Promise<StoredSigningKey | undefined> {
  const valid = regionKeys(state, region).filter((key) => key.validFrom <= at && at < key.validTo);
  const current = valid.at(-1);
  if (current) return current;
  const signer = state.services.signer;
  if (!signer) return undefined;
  const pair = await signer.generateKeyPair();
  const key: StoredSigningKey = {
    region,
    fingerprint: keyFingerprint(pair.publicKeyPkcs1),
    publicKey: toBase64(pair.publicKeyPkcs1),
    privateKey: toBase64(pair.privateKeyPkcs8),
    validFrom: at,
    validTo: at + KEY_VALIDITY,
  };
  state.put(SIGNING_KEYS, `${region}|${String(at)}`, key);
  return key;
}

/** RSASSA-PKCS1-v1_5 with SHA-256 of `data` under a saved key, as lower-case hex. */
export async function signHex(state: EmulatorState, key: StoredSigningKey, data: Uint8Array): Promise<string> {
  const signer = state.services.signer;
  if (!signer) throw new Error('No digest signer was lent to the emulator');
  return bytesToHex(await signer.sign(fromBase64(key.privateKey), data));
}
