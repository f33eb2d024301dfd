/**
 * The port through which delivery resolves a callback's host name: the system's resolver
 * in the engine; a test puts a resolver of its own here (DNS is the edge of the system).
 */
import { lookup } from 'node:dns/promises';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export interface HostResolver {
  /** every address the name resolves to, in the resolver's order */
  resolve(hostname: string): Promise<ResolvedAddress[]>;
}

export const systemResolver: HostResolver = {
  async resolve(hostname) {
    const found = await lookup(hostname, { all: true });
    return found.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
  },
};
