const WIDTH = 120;
const HEIGHT = 24;

/**
 * An event's delivered sends per day as a small bar chart (plain SVG: 30 bars need no chart
 * library). The bars are decoration; `label` says what they show in words for a screen reader.
 */
export function Sparkline({ daily, label }: { daily: readonly number[]; label: string }) {
  const top = Math.max(1, ...daily);
  const step = WIDTH / Math.max(1, daily.length);
  return (
    <svg className="sparkline" width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label}>
      <line x1={0} y1={HEIGHT - 0.5} x2={WIDTH} y2={HEIGHT - 0.5} className="sparkline-base" />
      {daily.map((count, day) =>
        count === 0 ? null : <rect key={day} x={day * step + 0.5} width={Math.max(1, step - 1)} y={HEIGHT - 1 - (count / top) * (HEIGHT - 2)} height={(count / top) * (HEIGHT - 2)} className="sparkline-bar" />,
      )}
    </svg>
  );
}
