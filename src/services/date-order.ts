import { AppError } from '../contract';
import { dateOrderProblem, type DatedStep } from '../domain/date-order';
import { today, type Ctx } from './context';

/** Refuses a step dated before a step it depends on, or in the future, with both dates and the field to correct. */
export function assertDateOrder(ctx: Ctx, step: DatedStep & { path: string }, dependsOn: readonly (DatedStep | null | undefined)[]): void {
  const problem = dateOrderProblem(step, dependsOn, today(ctx.clock));
  if (problem) throw new AppError('VALIDATION', problem, [{ path: step.path, message: problem }]);
}
