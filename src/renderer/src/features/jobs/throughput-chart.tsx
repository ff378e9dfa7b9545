import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { JobEvent } from '../../../../shared/jobs.ts';
import { useT } from '../../i18n/use-t.ts';

/**
 * Throughput against the budget, outcomes over time, and 429 pauses marked. uPlot: small, fast,
 * canvas-drawn and free of eval, so it runs under the app's CSP; loaded only with the Jobs view.
 */
export default function ThroughputChart({ series }: { series: JobEvent[] }) {
  const t = useT();
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  const progress = series.filter((event): event is Extract<JobEvent, { type: 'progress' }> => event.type === 'progress');
  const limited = new Set(series.filter((event) => event.type === 'rate_limited').map((event) => Math.round(event.at / 1000)));
  const start = progress[0]?.at ?? 0;
  const data: uPlot.AlignedData = [
    progress.map((event) => (event.at - start) / 1000),
    progress.map((event) => Math.round(event.ratePerMinute)),
    progress.map((event) => event.budgetPerMinute),
    progress.map((event) => event.counts.sent ?? 0),
    progress.map((event) => (event.counts.failed ?? 0) + (event.counts.rejected ?? 0) + (event.counts.unknown ?? 0)),
    progress.map((event) => (limited.has(Math.round(event.at / 1000)) ? Math.round(event.ratePerMinute) : null)),
  ];

  useEffect(() => {
    if (!host.current) return;
    const styles = getComputedStyle(document.documentElement);
    const text = styles.getPropertyValue('--text').trim() || '#333';
    const options: uPlot.Options = {
      width: host.current.clientWidth || 600,
      height: 200,
      legend: { show: true },
      axes: [
        { stroke: text, label: t('jobs.chartSeconds') },
        { stroke: text, label: t('jobs.chartPerMinute'), scale: 'rate' },
        { stroke: text, label: t('jobs.chartItems'), side: 1, scale: 'items', grid: { show: false } },
      ],
      scales: { x: { time: false } },
      series: [
        {},
        { label: t('jobs.chartRequests'), stroke: '#2563eb', width: 2, scale: 'rate' },
        { label: t('jobs.chartBudget'), stroke: '#9ca3af', dash: [6, 4], scale: 'rate' },
        { label: t('jobs.chartDelivered'), stroke: '#16a34a', scale: 'items' },
        { label: t('jobs.chartNotDelivered'), stroke: '#dc2626', scale: 'items' },
        { label: t('jobs.chartPause'), stroke: '#d97706', width: 0, points: { show: true, size: 9, fill: '#d97706' }, scale: 'rate' },
      ],
    };
    plot.current = new uPlot(options, data, host.current);
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: host.current?.clientWidth ?? 600, height: 200 }));
    resize.observe(host.current);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
    // The chart is built once (again only when the language changes); data arrives through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [t]);

  useEffect(() => {
    plot.current?.setData(data);
  });

  return (
    <figure className="throughput-chart" aria-label={t('jobs.chartLabel')}>
      <div ref={host} />
      {progress.length === 0 && <figcaption className="muted small">{t('jobs.chartEmpty')}</figcaption>}
    </figure>
  );
}
