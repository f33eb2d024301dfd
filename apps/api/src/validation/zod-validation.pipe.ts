/** Validates a request part with a zod schema; failures become a 400 naming every bad field. */
import { PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { ProblemException } from '../problems/problem';

export function fieldProblems(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(body)', message: issue.message }));
}

export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.infer<S> {
    const result = this.schema.safeParse(value);
    if (result.success) return result.data;
    const errors = fieldProblems(result.error);
    throw new ProblemException('validation', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
  }
}
