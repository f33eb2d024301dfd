/**
 * Ensuring the case's search attributes against an in-memory operator service that answers
 * as Temporal's does (the real server is in test/integration/case-search-attributes.int.spec.ts):
 * listed first, only the missing ones added, a concurrent registration no failure, a
 * conflicting type refused with both types named.
 */
import type { ConnectionLike } from '@temporalio/client';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { ensureCaseSearchAttributes } from './case-search-attribute-registration';

const KEYWORD = encodeSearchAttributeIndexedValueType('KEYWORD')!;
const BOOL = encodeSearchAttributeIndexedValueType('BOOL')!;
const TEXT = encodeSearchAttributeIndexedValueType('TEXT')!;

const CASE_ATTRIBUTES = {
  ComplaintReference: KEYWORD,
  ComplaintStatus: KEYWORD,
  ComplaintOwner: KEYWORD,
  ComplaintCategory: KEYWORD,
  ComplaintSeverity: KEYWORD,
  ComplaintBreached: BOOL,
};

/**
 * A namespace's custom attributes behind the operator service's two calls. `beforeAdd` runs
 * when an add arrives: another process registering first, or the server refusing.
 */
function operatorService(registered: Record<string, number>, beforeAdd: () => void = () => undefined) {
  const calls: string[] = [];
  const service = {
    listSearchAttributes: async ({ namespace }: { namespace: string }) => {
      calls.push(`list ${namespace}`);
      return { customAttributes: { ...registered } };
    },
    addSearchAttributes: async ({ namespace, searchAttributes }: { namespace: string; searchAttributes: Record<string, number> }) => {
      calls.push(`add ${namespace} ${Object.keys(searchAttributes).sort().join(',')}`);
      beforeAdd();
      const existing = Object.keys(searchAttributes).find((name) => name in registered);
      if (existing) throw Object.assign(new Error(`6 ALREADY_EXISTS: Search attribute ${existing} already exists.`), { code: 6 });
      Object.assign(registered, searchAttributes);
      return {};
    },
  };
  return { connection: { operatorService: service } as unknown as ConnectionLike, calls, registered };
}

it('adds every case attribute to a namespace that has none, with its type', async () => {
  const server = operatorService({ CustomerTier: KEYWORD });
  await ensureCaseSearchAttributes(server.connection, 'complaints');
  expect(server.registered).toEqual({ CustomerTier: KEYWORD, ...CASE_ATTRIBUTES });
  expect(server.calls).toEqual([
    'list complaints',
    'add complaints ComplaintBreached,ComplaintCategory,ComplaintOwner,ComplaintReference,ComplaintSeverity,ComplaintStatus',
  ]);
});

it('changes nothing where they are in place, and adds only what is missing', async () => {
  const complete = operatorService({ ...CASE_ATTRIBUTES });
  await ensureCaseSearchAttributes(complete.connection, 'default');
  expect(complete.calls).toEqual(['list default']);

  const { ComplaintBreached: _breached, ...withoutBreached } = CASE_ATTRIBUTES;
  const partial = operatorService(withoutBreached);
  await ensureCaseSearchAttributes(partial.connection, 'default');
  expect(partial.calls).toEqual(['list default', 'add default ComplaintBreached']);
  expect(partial.registered).toEqual(CASE_ATTRIBUTES);
});

it('succeeds when another process registers them between its list and its add', async () => {
  const server = operatorService({}, () => Object.assign(server.registered, CASE_ATTRIBUTES));
  await expect(ensureCaseSearchAttributes(server.connection, 'default')).resolves.toBeUndefined();
  expect(server.calls).toEqual([expect.stringMatching(/^list/), expect.stringMatching(/^add/), 'list default']);
});

it('fails when the add fails and they are still missing', async () => {
  const server = operatorService({}, () => {
    throw new Error('7 PERMISSION_DENIED: Request unauthorized.');
  });
  await expect(ensureCaseSearchAttributes(server.connection, 'default')).rejects.toThrow('PERMISSION_DENIED');
});

it('refuses an attribute of the same name registered with another type, naming both types', async () => {
  const server = operatorService({ ...CASE_ATTRIBUTES, ComplaintOwner: TEXT });
  await expect(ensureCaseSearchAttributes(server.connection, 'complaints')).rejects.toThrow(
    'search attributes of namespace complaints registered with another type: ComplaintOwner (needs KEYWORD, registered as TEXT)',
  );
  expect(server.calls).toEqual(['list complaints']);
});
