/**
 * Who works the chaos run's cases, each with an API key of its own (the per-key rate limits
 * count each key apart): the intake system (one key: it files every complaint and relays
 * every customer's answer), six agents who share the cases, a manager and a director who
 * take the escalated ones, and four auditors who share the audit's reads.
 */
import { BENCH_KEYS } from '../support/bench-system';

export interface Principal {
  principal: string;
  secret: string;
}

export const INTAKE: Principal = { principal: 'bench-desk', secret: BENCH_KEYS.intake };
export const MANAGER: Principal = { principal: 'bench-manager', secret: BENCH_KEYS.manager };
export const DIRECTOR: Principal = { principal: 'bench-director', secret: BENCH_KEYS.director };
export const AUDITOR: Principal = { principal: 'bench-audit', secret: BENCH_KEYS.auditor };
export const AGENTS: Principal[] = Array.from({ length: 6 }, (_, i) => ({ principal: `chaos-agent-${i + 1}`, secret: `chaos-agent-${i + 1}-secret` }));
export const AUDITORS: Principal[] = [AUDITOR, ...Array.from({ length: 3 }, (_, i) => ({ principal: `chaos-auditor-${i + 2}`, secret: `chaos-auditor-${i + 2}-secret` }))];

/** API_KEYS for the run's APIs: the bench's keys, the agents' and the auditors'. */
export function chaosApiKeys(benchKeys: string): string {
  return [
    benchKeys,
    ...AGENTS.map((a) => `${a.principal}:agent:${a.secret}`),
    ...AUDITORS.slice(1).map((a) => `${a.principal}:auditor:${a.secret}`),
  ].join(',');
}
