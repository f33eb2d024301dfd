/**
 * The report's chart: throughput, latency and workflow start lag over the run, each fault
 * marked as a shaded stretch with its name. A Vega-Lite specification rendered to SVG
 * headless (vega's View with no renderer), so the chart is data plus a declarative spec.
 */
import type { FaultMark } from './fault-schedule';
import type { TimelinePoint } from './timeline';

const PANELS: { panel: TimelinePoint['panel']; title: string; log: boolean }[] = [
  { panel: 'throughput', title: 'answers per second', log: false },
  { panel: 'latency', title: 'latency of admitted requests (ms, log scale)', log: true },
  { panel: 'start lag', title: 'workflow start lag p99 (s)', log: false },
];

export function timelineSpec(points: readonly TimelinePoint[], marks: readonly FaultMark[], title: string): object {
  const faults = marks.map((m, index) => ({ ...m, row: index % 4 }));
  // one time axis for every panel and layer
  const end = Math.max(0, ...points.map((p) => p.t), ...marks.map((m) => m.end));
  const x = { field: 't', type: 'quantitative', title: 'seconds after the load began', scale: { domain: [0, Math.ceil(end)] } };
  const at = (field: string) => ({ field, type: 'quantitative', scale: { domain: [0, Math.ceil(end)] } });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    config: { font: 'sans-serif', view: { stroke: null } },
    vconcat: PANELS.map(({ panel, title: panelTitle, log }, index) => ({
      width: 900,
      height: index === 0 ? 220 : 160,
      title: panelTitle,
      layer: [
        {
          data: { values: faults },
          mark: { type: 'rect', opacity: 0.12, color: '#d62728' },
          encoding: { x: at('start'), x2: { field: 'end' } },
        },
        {
          data: { values: faults },
          mark: { type: 'rule', color: '#d62728', strokeDash: [3, 3] },
          encoding: { x: at('start') },
        },
        ...(index === 0
          ? [
              {
                data: { values: faults },
                mark: { type: 'text', align: 'left', baseline: 'top', dx: 2, fontSize: 9, color: '#8b1a1a' },
                encoding: {
                  x: at('start'),
                  y: { field: 'row', type: 'ordinal', axis: null, scale: { range: [0, 48] } },
                  text: { field: 'label' },
                },
              },
            ]
          : []),
        {
          data: { values: points.filter((p) => p.panel === panel) },
          mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.5 },
          encoding: {
            x,
            y: { field: 'value', type: 'quantitative', title: null, scale: log ? { type: 'log' } : { zero: true } },
            color: { field: 'series', type: 'nominal', title: null, legend: { orient: 'right', labelLimit: 260 } },
          },
        },
      ],
      resolve: { scale: { y: 'independent' } },
    })),
  };
}

/** The chart as SVG text. vega and vega-lite are ES modules: loaded with import(). */
export async function timelineSvg(points: readonly TimelinePoint[], marks: readonly FaultMark[], title: string): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const compiled = vegaLite.compile(timelineSpec(points, marks, title) as Parameters<typeof vegaLite.compile>[0]);
  const view = new vega.View(vega.parse(compiled.spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
