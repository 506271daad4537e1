// Opaque, signed NextTokens (SEMANTICS.md §7): base64url JSON plus an HMAC under a key derived
// from the seed, so a token cannot be forged, edited or replayed against other parameters.
import { fromBase64Url, hmacSha256, sha256Bytes, toBase64Url } from './hash';

/** A signer bound to one emulator's seed. */
export interface TokenSigner {
  sign(payload: object): string;
  /** The payload, or undefined for anything this signer did not issue. */
  verify(token: string): unknown;
}

export function tokenSigner(seed: number): TokenSigner {
  const key = `cloudtrail-emulator-next-token:${String(seed)}`;
  const mac = (body: string) => toBase64Url(hmacSha256(key, body)).slice(0, 22);
  return {
    sign: (payload) => {
      const body = toBase64Url(new TextEncoder().encode(JSON.stringify(payload)));
      return `${body}.${mac(body)}`;
    },
    verify: (token) => {
      const [body, signature, extra] = token.split('.');
      if (body === undefined || signature === undefined || extra !== undefined || mac(body) !== signature)
        return undefined;
      const bytes = fromBase64Url(body);
      if (!bytes) return undefined;
      try {
        return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
      } catch {
        return undefined;
      }
    },
  };
}

/** A short fingerprint of request parameters that a token is bound to. */
export function fingerprint(parameters: unknown): string {
  return toBase64Url(sha256Bytes(JSON.stringify(parameters))).slice(0, 22);
}
