import type { ViralScore } from '../../../shared/studio/studio-types';
import { cn } from '../../lib/cn';

const factorLabels: Record<ViralScore['reasons'][number]['factor'], string> = {
  hook: 'Hook',
  length: 'Length',
  hashtags: 'Hashtags',
  readability: 'Readability',
  structure: 'Structure',
};

function scoreTone(score: number) {
  if (score >= 7) return 'bg-emerald-50 text-emerald-700 ring-emerald-600/20';
  if (score >= 4) return 'bg-amber-50 text-amber-800 ring-amber-600/20';
  return 'bg-red-50 text-red-700 ring-red-600/20';
}

/** The score and every signed reason behind it, so the number can be argued with. */
export function ViralScorePanel({ score, edited }: { score: ViralScore | undefined; edited: boolean }) {
  if (!score) return null;
  return (
    <div className="space-y-2">
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-xs font-medium tracking-wide text-gray-500 uppercase">Viral score</h3>
        <span
          className={cn(
            'rounded-md px-2 py-0.5 text-sm font-semibold tabular-nums ring-1 ring-inset',
            scoreTone(score.score),
          )}
          role="img"
          aria-label={`Viral score ${score.score} out of 10`}
        >
          {score.score}/10
        </span>
      </div>
      <ul className="space-y-1.5 text-xs">
        {score.reasons.map((reason) => (
          <li key={`${reason.factor}-${reason.note}`} className="flex gap-2">
            <span
              className={cn(
                'w-7 shrink-0 text-right font-mono tabular-nums',
                reason.points > 0 ? 'text-emerald-700' : reason.points < 0 ? 'text-red-700' : 'text-gray-400',
              )}
            >
              {reason.points > 0 ? `+${reason.points}` : reason.points}
            </span>
            <span className="min-w-0 text-gray-600" title={factorLabels[reason.factor]}>
              {reason.note}
            </span>
          </li>
        ))}
      </ul>
      {edited ? <p className="text-xs text-gray-400">Updated as you edit.</p> : null}
    </div>
  );
}
