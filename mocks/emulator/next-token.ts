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

interface CreationOrderToken {
  a: string;
  r: string;
  /** Creation order of the last item returned. */
  o: number;
}

function isCreationOrderToken(value: unknown): value is CreationOrderToken {
  if (typeof value !== 'object' || value === null) return false;
  const token = value as Record<string, unknown>;
  return typeof token.a === 'string' && typeof token.r === 'string' && typeof token.o === 'number';
}

/**
 * One page of a List operation over items in creation order (stores, channels), with a signed
 * NextToken bound to the account and region; a token from anywhere else is InvalidNextTokenException.
 */
export function pageInCreationOrder<T extends { order: number }>(
  items: readonly T[],
  request: { NextToken?: string; MaxResults?: number; defaultPageSize: number },
  scope: { seed: number; account: string; region: string },
  invalidToken: () => Error,
): { page: T[]; NextToken?: string } {
  const signer = tokenSigner(scope.seed);
  let after = 0;
  if (request.NextToken !== undefined) {
    const token = signer.verify(request.NextToken);
    if (!isCreationOrderToken(token) || token.a !== scope.account || token.r !== scope.region) throw invalidToken();
    after = token.o;
  }
  const limit = request.MaxResults ?? request.defaultPageSize;
  const rest = items.filter((item) => item.order > after);
  const page = rest.slice(0, limit);
  const last = page.at(-1);
  return {
    page,
    ...(rest.length > limit && last
      ? { NextToken: signer.sign({ a: scope.account, r: scope.region, o: last.order } satisfies CreationOrderToken) }
      : {}),
  };
}
