/**
 * The message of the ConvergenceWarning raised when a solver stops at its iteration limit.
 * @param where e.g. `'SVC.fit'`
 * @param maxIter the limit (-1: the default limit)
 * @param tol the stopping tolerance that was not reached
 * @param unconverged sub-problems stopped by the limit
 * @param problems sub-problems solved
 */
export function convergenceAdvice(
  where: string,
  maxIter: number,
  tol: number,
  unconverged: number,
  problems: number,
): string {
  const limit = maxIter > 0 ? `maxIter = ${maxIter}` : 'the default iteration limit';
  const which = problems > 1 ? ` in ${unconverged} of ${problems} sub-problems` : '';
  return `${where}: the solver stopped at ${limit} before reaching tol = ${tol}${which}; the model may be poor. Scale your features (e.g. StandardScaler), raise maxIter, or lower C.`;
}
