/** `GET /v1/dashboard?from&to`: figures computed from events alone, up to the global position `coversThrough`. */

export interface LatencySummary {
  count: number;
  medianMs: number | null;
  p90Ms: number | null;
  targetMs: number | null;
}

export interface Dashboard {
  coversThrough: number;
  workload: {
    queues: { queue: string; open: number }[];
    owners: { owner: string; open: number; breached: number; atRisk: number }[];
  };
  openByStatus: { status: string; count: number }[];
  openByAge: { bucket: string; count: number }[];
  promiseKeepingByWeek: { weekStart: string; kept: number; broken: number; rate: number | null }[];
  escalationsByReason: { reason: string; count: number }[];
  timeToAcknowledge: LatencySummary;
  timeToFinalResponse: LatencySummary;
  compensationApproved: { type: string; currency: string; count: number; minor: number }[];
}
