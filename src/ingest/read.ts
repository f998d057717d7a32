// Shared by the readers: zod issues as problems naming the file, the record and the field.
import type { z } from 'zod';
import type { IngestBatch, IngestProblem } from './model';

export function issuesToProblems(
  issues: readonly z.core.$ZodIssue[],
  file: string,
  record: string,
  kind?: string,
): IngestProblem[] {
  return issues.map((issue) => ({
    file,
    record,
    field:
      issue.path
        .map((part) => (typeof part === 'number' ? `[${part}]` : String(part)))
        .join('.')
        .replace(/\.\[/g, '[') || '(record)',
    message: issue.message,
    ...(kind === undefined ? {} : { kind }),
  }));
}

/** What a reader gives: the batch of valid records, and the problems of the invalid ones. */
export interface ReadResult {
  batch: IngestBatch;
  problems: IngestProblem[];
}
