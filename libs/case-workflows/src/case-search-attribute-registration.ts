/**
 * The case's search attributes exist on the server before anything uses them: a start that
 * sets an unknown attribute is refused, and a workflow that upserts one fails its task. The
 * worker ensures them before it polls, and CaseWorkflowStarter before its first start in each
 * process (an API may start a case's workflow before any worker has run). The same on the dev
 * server and on a real one: they are created through Temporal's operator service, listed
 * first so a process that finds them in place makes no change.
 */
import type { ConnectionLike } from '@temporalio/client';
import { SearchAttributeType } from '@temporalio/common';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { CASE_SEARCH_ATTRIBUTE_KEYS } from '../../../workflows/complaint/case-search-attributes';

const KEYS = Object.values(CASE_SEARCH_ATTRIBUTE_KEYS);

/** A registered attribute's type by name (the server answers with its enum's number). */
function typeName(registered: number): string {
  return Object.values(SearchAttributeType).find((type) => encodeSearchAttributeIndexedValueType(type) === registered) ?? `type ${registered}`;
}

/**
 * The case's attributes the namespace lacks. One registered under the same name with another
 * type is an operator's conflict the engine cannot resolve: it fails with both types named.
 */
async function missingKeys(connection: ConnectionLike, namespace: string): Promise<{ name: string; type: SearchAttributeType }[]> {
  const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
  const registered = customAttributes ?? {};
  const wrong = KEYS.filter((key) => key.name in registered && registered[key.name] !== encodeSearchAttributeIndexedValueType(key.type));
  if (wrong.length > 0) {
    const names = wrong.map((key) => `${key.name} (needs ${key.type}, registered as ${typeName(registered[key.name])})`).join(', ');
    throw new Error(`search attributes of namespace ${namespace} registered with another type: ${names}; remove or rename them`);
  }
  return KEYS.filter((key) => !(key.name in registered));
}

/**
 * Create the case's search attributes the namespace lacks. Another process adding them at the
 * same moment is no failure: what counts is that they are there afterwards.
 */
export async function ensureCaseSearchAttributes(connection: ConnectionLike, namespace: string): Promise<void> {
  const missing = await missingKeys(connection, namespace);
  if (missing.length === 0) return;
  try {
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map((key) => [key.name, encodeSearchAttributeIndexedValueType(key.type)!])),
    });
  } catch (error) {
    if ((await missingKeys(connection, namespace)).length > 0) throw error;
  }
}
