/**
 * The server state of one case: the case itself and its events, each under its own query
 * key, and the commands that change it. A command's reply (`{events, case}`) is written into
 * both at once, so the result shows before the refetch that follows.
 */
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { CaseView, CommandReply, EventView } from '../api/types';

/** The case as `GET /v1/complaints/{id}` answers it: the list's shape plus the ids of newer cases that likely duplicate it. */
export type CaseDetail = CaseView & { possibleDuplicates?: string[] };

export const caseKeys = {
  list: ['cases'] as const,
  detail: (id: string) => ['case', id] as const,
  events: (id: string) => ['case', id, 'events'] as const,
};

export function useCase(id: string) {
  return useQuery({ queryKey: caseKeys.detail(id), queryFn: () => api<CaseDetail>(`/v1/complaints/${encodeURIComponent(id)}`) });
}

export function useCaseEvents(id: string, enabled: boolean) {
  return useQuery({
    queryKey: caseKeys.events(id),
    queryFn: () => api<EventView[]>(`/v1/complaints/${encodeURIComponent(id)}/events`),
    enabled,
  });
}

/** Adds events to the cached timeline, once each, in stream order. */
export function appendEvents(queryClient: QueryClient, id: string, events: EventView[]): void {
  queryClient.setQueryData<EventView[]>(caseKeys.events(id), (known) => {
    if (!known) return known;
    const positions = new Set(known.map((event) => event.position));
    const fresh = events.filter((event) => !positions.has(event.position));
    return fresh.length ? [...known, ...fresh].sort((a, b) => a.position - b.position) : known;
  });
}

/** Writes a command's reply into the cache, then asks for the authoritative versions. */
export function applyReply(queryClient: QueryClient, id: string, reply: CommandReply): void {
  queryClient.setQueryData<CaseDetail>(caseKeys.detail(id), (known) => ({ ...known, ...reply.case }));
  appendEvents(queryClient, id, reply.events);
  void queryClient.invalidateQueries({ queryKey: caseKeys.detail(id) });
  void queryClient.invalidateQueries({ queryKey: caseKeys.list });
}

/**
 * A command on the case: `POST /v1/complaints/{id}/<action>`. The body is built inside the
 * mutation, so a value the console itself cannot read (an amount, a date) is refused the
 * way the API refuses one: a ProblemError naming its field.
 */
export function useCaseCommand<Body>(id: string, action: string, onDone?: (reply: CommandReply) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (buildBody: () => Body) => api<CommandReply>(`/v1/complaints/${encodeURIComponent(id)}/${action}`, { method: 'POST', body: buildBody() }),
    onSuccess: (reply) => {
      applyReply(queryClient, id, reply);
      onDone?.(reply);
    },
    // a refusal may still be recorded (a final response the checks refused: CorrespondenceRejected)
    onError: () => void queryClient.invalidateQueries({ queryKey: caseKeys.detail(id) }),
  });
}
