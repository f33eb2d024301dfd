/**
 * Who may do what, read from the API's own OpenAPI document (each operation lists its roles
 * in `x-roles`, written by the same decorator the API's guard reads), so the console never
 * keeps a second copy of the rule. A role never sees a control it may not use; the API
 * still refuses what it may not do.
 */
import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Role } from '../api/types';
import { useSession } from './session';

/** An operation as the OpenAPI document names it, e.g. `POST /v1/complaints/{id}/notes`. */
export type Operation = `${'GET' | 'POST' | 'DELETE'} /${string}`;

type RoleTable = Map<string, Role[]>;

async function loadRoleTable(): Promise<RoleTable> {
  const response = await fetch('/openapi.json', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`the API's OpenAPI document answered ${response.status}`);
  const document = (await response.json()) as { paths: Record<string, Record<string, { 'x-roles'?: Role[] }>> };
  const table: RoleTable = new Map();
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (operation['x-roles']) table.set(`${method.toUpperCase()} ${path}`, operation['x-roles']);
    }
  }
  return table;
}

export function useRoleTable() {
  return useQuery({ queryKey: ['openapi-roles'], queryFn: loadRoleTable, staleTime: Infinity });
}

/** `can('POST /v1/complaints/{id}/notes')`: may the signed-in role call it? Unknown operations: no. */
export function useCan(): (operation: Operation) => boolean {
  const { me } = useSession();
  const { data: table } = useRoleTable();
  return useCallback(
    (operation: Operation) => Boolean(me && table?.get(operation)?.includes(me.role)),
    [me, table],
  );
}
