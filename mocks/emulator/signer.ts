// RSA signing of trail digest files (SEMANTICS.md §17.11). The core has no crypto of its own for
// this: the entry point lends one (node:crypto in Node, WebCrypto in the browser), as it lends the
// Lake engine.

/** An RSA-2048 key pair as CloudTrail publishes and keeps it. */
export interface SigningKeyPair {
  /** PKCS#8 DER of the private key (kept in the emulator's state). */
  readonly privateKeyPkcs8: Uint8Array;
  /** DER of the PKCS#1 RSAPublicKey (what ListPublicKeys returns as `Value`). */
  readonly publicKeyPkcs1: Uint8Array;
}

export interface DigestSigner {
  /** A new RSA-2048 key pair, public exponent 65537. */
  generateKeyPair(): Promise<SigningKeyPair>;
  /** RSASSA-PKCS1-v1_5 with SHA-256 of `data` under the PKCS#8 private key. */
  sign(privateKeyPkcs8: Uint8Array, data: Uint8Array): Promise<Uint8Array>;
}
