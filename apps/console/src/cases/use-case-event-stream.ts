/**
 * Live updates of one case: `GET /v1/complaints/{id}/events/stream` read with fetch (so the
 * Authorization header goes along; EventSource cannot send it) and eventsource-parser.
 * Each event is appended to the cached timeline and the case is refetched. When the stream
 * ends or fails it reconnects with backoff, resuming after the last event it has
 * (`Last-Event-ID`); a refusal (4xx: no such route, case or permission) ends it. Aborted on
 * unmount.
 */
import { useQueryClient } from '@tanstack/react-query';
import { createParser } from 'eventsource-parser';
import { useEffect } from 'react';
import { authorization } from '../api/client';
import type { EventView } from '../api/types';
import { appendEvents, caseKeys } from './case-queries';

const FIRST_RETRY_MS = 1_000;
const LONGEST_RETRY_MS = 30_000;

export function useCaseEventStream(id: string, enabled: boolean): void {
  const queryClient = useQueryClient();

  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    let retryMs = FIRST_RETRY_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const lastPosition = () => {
      const events = queryClient.getQueryData<EventView[]>(caseKeys.events(id));
      return events?.length ? events[events.length - 1].position : null;
    };

    const receive = (event: EventView) => {
      appendEvents(queryClient, id, [event]);
      void queryClient.invalidateQueries({ queryKey: caseKeys.detail(id), exact: true });
    };

    const connect = async () => {
      const after = lastPosition();
      const parser = createParser({
        onEvent(message) {
          if (message.event !== 'complaint-event') return;
          retryMs = FIRST_RETRY_MS;
          receive(JSON.parse(message.data) as EventView);
        },
      });
      try {
        const response = await fetch(`/v1/complaints/${encodeURIComponent(id)}/events/stream`, {
          headers: { Accept: 'text/event-stream', ...authorization(), ...(after === null ? {} : { 'Last-Event-ID': String(after) }) },
          signal: abort.signal,
        });
        if (response.status >= 400 && response.status < 500) return;
        if (!response.ok || !response.body) throw new Error(`the event stream answered ${response.status}`);
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          parser.feed(value);
        }
      } catch {
        if (abort.signal.aborted) return;
      }
      if (abort.signal.aborted) return;
      // the stream ended or failed: catch up on what was missed, then listen again
      void queryClient.invalidateQueries({ queryKey: caseKeys.events(id) });
      timer = setTimeout(() => void connect(), retryMs);
      retryMs = Math.min(retryMs * 2, LONGEST_RETRY_MS);
    };

    void connect();
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [id, enabled, queryClient]);
}
