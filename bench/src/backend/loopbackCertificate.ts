import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';

/** A certificate for `https://127.0.0.1`, made for this run, and the file a Node process can trust it from. */
export interface LoopbackCertificate {
  readonly certPem: string;
  readonly keyPem: string;
  /** The certificate as a PEM file, for `NODE_EXTRA_CA_CERTS`. */
  readonly caFile: string;
  /** Removes the file. */
  remove(): void;
}

/**
 * A self-signed certificate for 127.0.0.1 (EC P-256, one day), made with Node's crypto through `selfsigned`,
 * so that no `openssl` binary is needed. The handler refuses plain-HTTP ACS endpoints and authorities, so the
 * fakes it talks to must speak TLS, with a certificate its process trusts.
 */
export async function createLoopbackCertificate(): Promise<LoopbackCertificate> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 24 * 60 * 60 * 1000),
    extensions: [
      // Its own issuer: it is the trust anchor as well as the server's certificate.
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
    ],
  });
  const dir = mkdtempSync(join(tmpdir(), 'teams-endpoint-bench-tls-'));
  const caFile = join(dir, 'loopback-ca.pem');
  writeFileSync(caFile, pems.cert);
  return {
    certPem: pems.cert,
    keyPem: pems.private,
    caFile,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
