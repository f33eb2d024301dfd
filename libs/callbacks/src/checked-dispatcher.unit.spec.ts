import type { LookupAddress, LookupOptions } from 'node:dns';
import { CallbackDestinationRule } from './callback-destination-rule';
import { checkedLookup, DestinationRefusedError, destinationRefusal } from './checked-dispatcher';
import type { HostResolver, ResolvedAddress } from './host-resolver';

const rule = new CallbackDestinationRule({ allowHttp: false, allowedHosts: [] }, () => []);

function resolverOf(table: Record<string, ResolvedAddress[]>): HostResolver & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async resolve(hostname) {
      asked.push(hostname);
      const found = table[hostname];
      if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
      return found;
    },
  };
}

function lookUp(resolver: HostResolver, hostname: string, options: LookupOptions) {
  return new Promise<{ error: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number }>((resolve) =>
    checkedLookup(rule, resolver)(hostname, options, (error, address, family) => resolve({ error, address, family })),
  );
}

const table: Record<string, ResolvedAddress[]> = {
  'public.example': [
    { address: '8.8.8.8', family: 4 },
    { address: '2606:4700:4700::1111', family: 6 },
  ],
  'rebound.example': [
    { address: '8.8.8.8', family: 4 },
    { address: '127.0.0.1', family: 4 },
  ],
};

describe('the lookup the delivery connects through', () => {
  it('hands the socket every checked address when asked for all', async () => {
    const result = await lookUp(resolverOf(table), 'public.example', { all: true });
    expect(result.error).toBeNull();
    expect(result.address).toEqual([
      { address: '8.8.8.8', family: 4 },
      { address: '2606:4700:4700::1111', family: 6 },
    ]);
  });

  it('hands the first checked address of the family asked for', async () => {
    expect(await lookUp(resolverOf(table), 'public.example', {})).toMatchObject({ error: null, address: '8.8.8.8', family: 4 });
    expect(await lookUp(resolverOf(table), 'public.example', { family: 6 })).toMatchObject({ address: '2606:4700:4700::1111', family: 6 });
  });

  it('refuses the whole name when any address it resolved to is inside, resolving once', async () => {
    const resolver = resolverOf(table);
    const result = await lookUp(resolver, 'rebound.example', { all: true });
    expect(result.error).toBeInstanceOf(DestinationRefusedError);
    expect(result.error?.message).toBe('destination refused: 127.0.0.1 is loopback');
    expect(resolver.asked).toEqual(['rebound.example']);
  });

  it('passes resolver failures through unchanged', async () => {
    const result = await lookUp(resolverOf(table), 'missing.example', {});
    expect(result.error?.code).toBe('ENOTFOUND');
    expect(destinationRefusal(result.error)).toBeNull();
  });

  it('finds a refusal inside the causes fetch wraps it in', () => {
    const refused = new DestinationRefusedError('10.0.0.5 is private');
    const wrapped = new TypeError('fetch failed', { cause: new Error('connect', { cause: refused }) });
    expect(destinationRefusal(wrapped)).toBe(refused);
    expect(destinationRefusal(new TypeError('fetch failed', { cause: new Error('ECONNREFUSED') }))).toBeNull();
  });
});
