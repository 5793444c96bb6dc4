// Dates of case steps (issue 16): a step happens after the steps it rests on (a hearing after the home visit it
// judges, a result after its request), and no step is dated in the future. Pure: the caller passes today.

export type DatedStep = { label: string; date: string };

/** Why `step` cannot carry its date, naming both dates; null when it is in order. Dates are ISO `YYYY-MM-DD`. */
export function dateOrderProblem(step: DatedStep, dependsOn: readonly (DatedStep | null | undefined)[], today: string): string | null {
  if (step.date > today) return `${step.label}（${step.date}）不能晚于今天（${today}）`;
  for (const d of dependsOn) {
    if (d && step.date < d.date) return `${step.label}（${step.date}）不能早于${d.label}（${d.date}）`;
  }
  return null;
}
