/**
 * RFC 9457 problem details: the body every error answer carries. `ProblemException` carries
 * a problem of a catalogued kind from anywhere in the API layer to the one filter that
 * writes it (through `toProblem`).
 */
import { PROBLEM_CATALOGUE, type ProblemKind } from './problem-catalogue';

export interface FieldProblem {
  path: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

export function problemBody(kind: ProblemKind, detail: string, extras: Partial<ProblemBody> = {}): ProblemBody {
  const { type, title, status } = PROBLEM_CATALOGUE[kind];
  return { type, title, status, detail, ...extras };
}

export class ProblemException extends Error {
  constructor(
    readonly kind: ProblemKind,
    detail: string,
    readonly extras: Partial<ProblemBody> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'ProblemException';
  }
}
