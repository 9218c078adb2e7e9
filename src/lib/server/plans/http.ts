import { json } from '@sveltejs/kit';
import type { z } from 'zod';
import { issuesOf, type Issue } from './validate.ts';

/** JSON errors shared by the plan routes: `{error, issues?}` with the status that says whose fault it is. */

export const problem = (status: number, error: string, issues?: Issue[]) => json(issues ? { error, issues } : { error }, { status });

export async function readBody<T>(request: Request, schema: z.ZodType<T>): Promise<{ ok: true; value: T } | { ok: false; response: Response }> {
  let raw: unknown;
  try {
    raw = await request.json();
  } catch {
    return { ok: false, response: problem(400, 'the body is not valid JSON') };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { ok: false, response: problem(400, 'the body does not match the contract', issuesOf(parsed.error)) };
  return { ok: true, value: parsed.data };
}
