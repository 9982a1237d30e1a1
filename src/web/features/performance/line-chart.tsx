// A small SVG line or bar chart, drawn by hand: a few series over the same labels (days), nice round
// gridlines, and a <title> on every point for exact values. The viewBox scales with its container.
import { useId } from 'react';
import { niceTicks } from './metrics-format';

export interface ChartSeries {
  label: string;
  color: string;
  /** One value per label; null where there is none (no bar, and the line joins its neighbours). */
  values: (number | null)[];
}

const width = 720;
const height = 240;
const pad = { top: 12, right: 12, bottom: 28, left: 52 };
const plotW = width - pad.left - pad.right;
const plotH = height - pad.top - pad.bottom;

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

export function LineChart({
  labels,
  series,
  kind = 'line',
  formatLabel = (label) => label,
  formatValue = (value) => compact.format(value),
  title,
}: {
  labels: string[];
  series: ChartSeries[];
  kind?: 'line' | 'bar';
  formatLabel?: (label: string) => string;
  formatValue?: (value: number) => string;
  /** The accessible name of the chart. */
  title: string;
}) {
  const titleId = useId();
  const max = Math.max(0, ...series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const ticks = niceTicks(max);
  const top = ticks.at(-1) || 1;
  const n = Math.max(labels.length, 1);
  const band = plotW / n;
  const x = (index: number) => pad.left + band * index + band / 2;
  const y = (value: number) => pad.top + plotH - (value / top) * plotH;
  // At most about eight axis labels, evenly spaced and counted back from the last one.
  const every = Math.max(1, Math.ceil(labels.length / 8));
  // Each drawn value with its label position; labels are unique, so they key the marks.
  const points = (s: ChartSeries) =>
    s.values.flatMap((value, index) =>
      value === null ? [] : [{ value, index, label: labels[index] ?? '', key: `${labels[index]}#${index}` }],
    );
  const barW = Math.max(1, Math.min(18, (band * 0.8) / Math.max(series.length, 1)));

  return (
    <figure className="w-full">
      <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full" role="img" aria-labelledby={titleId}>
        <title id={titleId}>{title}</title>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={pad.left} x2={width - pad.right} y1={y(tick)} y2={y(tick)} stroke="#e5e7eb" />
            <text x={pad.left - 8} y={y(tick)} dy="0.32em" textAnchor="end" fontSize="11" fill="#6b7280">
              {formatValue(tick)}
            </text>
          </g>
        ))}
        {labels.map((label, index) =>
          (labels.length - 1 - index) % every === 0 ? (
            <text key={label} x={x(index)} y={height - 8} textAnchor="middle" fontSize="11" fill="#6b7280">
              {formatLabel(label)}
            </text>
          ) : null,
        )}
        {series.map((s, seriesIndex) => {
          if (kind === 'bar') {
            const offset = (seriesIndex - (series.length - 1) / 2) * barW;
            return (
              <g key={s.label} fill={s.color}>
                {points(s).map((point) => (
                  <rect
                    key={point.key}
                    x={x(point.index) + offset - barW / 2}
                    y={y(point.value)}
                    width={barW}
                    height={Math.max(0, pad.top + plotH - y(point.value))}
                    rx="1.5"
                  >
                    <title>{`${s.label}, ${formatLabel(point.label)}: ${formatValue(point.value)}`}</title>
                  </rect>
                ))}
              </g>
            );
          }
          // Days without a snapshot are skipped, not drawn as zero: the line joins the known points.
          const path = points(s)
            .map((point, index) => `${index === 0 ? 'M' : 'L'}${x(point.index)},${y(point.value)}`)
            .join('');
          return (
            <g key={s.label}>
              <path d={path} fill="none" stroke={s.color} strokeWidth="2" strokeLinejoin="round" />
              {points(s).map((point) => (
                <circle
                  key={point.key}
                  cx={x(point.index)}
                  cy={y(point.value)}
                  r={labels.length > 40 ? 1.5 : 3}
                  fill={s.color}
                >
                  <title>{`${s.label}, ${formatLabel(point.label)}: ${formatValue(point.value)}`}</title>
                </circle>
              ))}
            </g>
          );
        })}
      </svg>
      {series.length > 1 ? (
        <figcaption className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-gray-600">
          {series.map((s) => (
            <span key={s.label} className="inline-flex items-center gap-1.5">
              <span className="size-2.5 rounded-full" style={{ backgroundColor: s.color }} aria-hidden />
              {s.label}
            </span>
          ))}
        </figcaption>
      ) : null}
    </figure>
  );
}
