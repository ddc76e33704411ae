// Verifies JWTs as a Node resource server does with npm jose 6: the keys from the live JWKS (createRemoteJWKSet),
// then jwtVerify with the issuer, the audience, the type (at+jwt, RFC 9068) and the algorithms pinned. Run by
// IndependentVerifiers.java.
// Input (stdin): {"jwks": url, "issuer", "audience", "typ", "tokens": {name: jwt}}
// Output (stdout): {name: {"ok": true, "typ", "claims"} | {"ok": false, "error"}}
import { createRemoteJWKSet, jwtVerify } from "jose";
import { readFileSync } from "node:fs";

const input = JSON.parse(readFileSync(0, "utf8"));
const jwks = createRemoteJWKSet(new URL(input.jwks));
const verdicts = {};
for (const [name, token] of Object.entries(input.tokens)) {
  try {
    const { payload, protectedHeader } = await jwtVerify(token, jwks, {
      issuer: input.issuer,
      audience: input.audience,
      typ: input.typ,
      algorithms: ["ES256", "RS256", "EdDSA"],
      requiredClaims: ["sub", "exp", "iat", "jti"],
    });
    verdicts[name] = { ok: true, typ: protectedHeader.typ, claims: payload };
  } catch (e) {
    verdicts[name] = { ok: false, error: `${e.code ?? e.name}: ${e.message}` };
  }
}
console.log(JSON.stringify(verdicts));
