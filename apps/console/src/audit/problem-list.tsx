/** Every problem a verification found: its stream, its position and its kind, with the store's detail. */
import { useT } from '../i18n/locale';
import type { VerificationProblem } from './audit-types';

export function ProblemList({ problems, showStream = false }: { problems: VerificationProblem[]; showStream?: boolean }) {
  const t = useT();
  // ICU select keys cannot hold a hyphen
  const kind = (problem: VerificationProblem) => t('audit.problem.kind', { kind: problem.kind.replaceAll('-', '_') });
  return (
    <ul className="problem-list">
      {problems.map((problem, index) => (
        <li key={`${problem.streamId ?? ''}:${problem.position ?? ''}:${problem.kind}:${index}`}>
          <strong>
            {problem.position === null
              ? kind(problem)
              : t('audit.problem.atPosition', { position: problem.position, kind: kind(problem) })}
          </strong>
          {showStream && problem.streamId ? <span className="mono"> {problem.streamId}</span> : null}
          <div className="hint">{problem.detail}</div>
        </li>
      ))}
    </ul>
  );
}
