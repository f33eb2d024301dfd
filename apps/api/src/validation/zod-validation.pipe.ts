/**
 * Validates a request part with a zod schema; failures become a 400 naming every bad
 * field, and every unknown one (`path.to.field: unknown field`), so a misspelt field is
 * never silently lost. Query and path problems are prefixed `query.` and `path.`.
 */
import { PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { ProblemException } from '../problems/problem';

export type RequestPart = 'body' | 'query' | 'path';

export function fieldProblems(error: z.ZodError, part: RequestPart = 'body'): { path: string; message: string }[] {
  const prefix = part === 'body' ? '' : `${part}.`;
  const at = (segments: readonly PropertyKey[]) => `${prefix}${segments.map(String).join('.')}` || '(body)';
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: at([...issue.path, key]), message: 'unknown field: not part of this request' }))
      : [{ path: at(issue.path), message: issue.message }],
  );
}

export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(
    private readonly schema: S,
    private readonly part: RequestPart = 'body',
  ) {}

  transform(value: unknown): z.infer<S> {
    const result = this.schema.safeParse(value);
    if (result.success) return result.data;
    const errors = fieldProblems(result.error, this.part);
    throw new ProblemException('validation', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
  }
}
