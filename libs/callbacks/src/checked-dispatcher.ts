/**
 * An HTTP dispatcher that connects only to checked addresses: the host name is resolved
 * once, through the HostResolver port, every address it resolved to is checked by the
 * callback destination rule, and the socket connects to those same addresses (no second
 * lookup that could answer differently). Literal addresses never reach the lookup: the
 * rule checks them on the URL (`CallbackDestinationRule.checkUrl`) before a request.
 */
import type { LookupAddress, LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { Agent } from 'undici';
import type { CallbackDestinationRule } from './callback-destination-rule';
import type { HostResolver } from './host-resolver';

export class DestinationRefusedError extends Error {
  readonly code = 'EDESTINATIONREFUSED';

  constructor(readonly reason: string) {
    super(`destination refused: ${reason}`);
    this.name = 'DestinationRefusedError';
  }
}

/** The refusal somewhere in an error's cause chain (fetch wraps connection errors), or null. */
export function destinationRefusal(error: unknown): DestinationRefusedError | null {
  for (let current = error, depth = 0; current instanceof Error && depth < 10; current = current.cause, depth++) {
    if (current instanceof DestinationRefusedError) return current;
  }
  return null;
}

export function checkedLookup(rule: CallbackDestinationRule, resolver: HostResolver): LookupFunction {
  return (hostname: string, options: LookupOptions, callback) => {
    const fail = (error: Error) => callback(error as NodeJS.ErrnoException, '', 0);
    resolver.resolve(hostname).then((resolved) => {
      const refusal = rule.checkResolved(hostname, resolved.map((r) => r.address));
      if (refusal) return fail(new DestinationRefusedError(refusal));
      const usable = options.family === 4 || options.family === 6 ? resolved.filter((r) => r.family === options.family) : resolved;
      if (usable.length === 0) return fail(Object.assign(new Error(`${hostname} has no IPv${options.family} address`), { code: 'ENOTFOUND' }));
      if (options.all) return callback(null, usable.map((r): LookupAddress => ({ address: r.address, family: r.family })));
      return callback(null, usable[0].address, usable[0].family);
    }, fail);
  };
}

/** An undici Agent whose every new connection goes through `checkedLookup`. */
export function checkedDispatcher(rule: CallbackDestinationRule, resolver: HostResolver): Agent {
  return new Agent({ connect: { lookup: checkedLookup(rule, resolver) } });
}
