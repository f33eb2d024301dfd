/**
 * Writes a run's results: bench-results/<timestamp>.json (the `figures` array and the run's
 * details), <timestamp>.md (method notes, the figures, the comparison with the previous
 * JSON in the folder, figure by figure, and the latency chart) and the chart's SVG file.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatValue, round, type Figure } from './figures';
import { latencyChartSvg, type ChartSeries } from './latency-chart-svg';

export interface RunReport {
  startedAt: string;
  finishedAt: string;
  mode: 'quick' | 'full';
  machine: { cpus: number; cpuModel: string; memoryGb: number; platform: string };
  versions: Record<string, string>;
  servers: { postgres: string; temporal: string };
  figures: Figure[];
  /** scenario details (sizes, every percentile, errors) */
  details: Record<string, unknown>;
  /** method notes, one paragraph each */
  method: string[];
}

export interface WrittenReport {
  json: string;
  markdown: string;
  chart: string | undefined;
}

/** The latest earlier run in the folder, preferring one of the same mode (quick or full). */
function previousRun(folder: string, except: string, mode: RunReport['mode']): { file: string; mode: string; figures: Figure[] } | undefined {
  if (!existsSync(folder)) return undefined;
  const runs: { file: string; mode: string; figures: Figure[] }[] = [];
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.json') && f !== except).sort()) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(path.join(folder, file), 'utf8'));
      if (typeof parsed === 'object' && parsed !== null && 'figures' in parsed && Array.isArray(parsed.figures)) {
        runs.push({ file, mode: 'mode' in parsed && typeof parsed.mode === 'string' ? parsed.mode : '?', figures: parsed.figures as Figure[] });
      }
    } catch {
      // not a run file: skipped
    }
  }
  return runs.filter((run) => run.mode === mode).pop() ?? runs.pop();
}

function change(now: number | null, before: number | null | undefined): string {
  if (now === null || before === null || before === undefined) return '—';
  if (before === 0) return '—';
  const percent = ((now - before) / before) * 100;
  return `${percent >= 0 ? '+' : ''}${percent.toFixed(1)}%`;
}

function met(figure: Figure): string {
  if (figure.met === null) return figure.value === null ? 'not measured' : 'n/a';
  return figure.met ? 'yes' : 'NO';
}

export function figuresTable(figures: Figure[]): string {
  const lines = [
    '| figure | value | unit | baseline | ratio | target | met |',
    '|---|---|---|---|---|---|---|',
    ...figures.map(
      (f) =>
        `| ${f.name} | ${f.value === null ? 'not measured' : round(f.value)} | ${f.unit}${f.size ? ` (size ${f.size.toLocaleString('en-GB')})` : ''} | ${formatValue(f.baseline)} | ${formatValue(f.ratio)} | ${f.target} | ${met(f)} |`,
    ),
  ];
  return lines.join('\n');
}

export function writeReport(folder: string, report: RunReport, charts: { title: string; series: ChartSeries[] }[]): WrittenReport {
  mkdirSync(folder, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const jsonFile = `${stamp}.json`;
  const previous = previousRun(folder, jsonFile, report.mode);
  writeFileSync(path.join(folder, jsonFile), `${JSON.stringify(report, null, 2)}\n`);

  const chartFiles: string[] = [];
  charts.forEach((chart, i) => {
    const file = `${stamp}-latency-${i + 1}.svg`;
    writeFileSync(path.join(folder, file), latencyChartSvg(chart.title, chart.series));
    chartFiles.push(file);
  });

  const md: string[] = [
    `# Benchmark run ${report.startedAt} (${report.mode})`,
    '',
    `Machine: ${report.machine.cpus} CPUs (${report.machine.cpuModel}), ${report.machine.memoryGb} GB RAM, ${report.machine.platform}.`,
    `Versions: ${Object.entries(report.versions).map(([k, v]) => `${k} ${v}`).join(', ')}.`,
    `Servers: ${report.servers.postgres}; ${report.servers.temporal}.`,
    '',
    '## Figures',
    '',
    figuresTable(report.figures),
    '',
    'A figure marked "not measured" was not measured in this run (its scenario was left out with `--only`, or failed: see `details.failures` in the JSON); no value is invented for it.',
    '',
    '## Compared with the previous run',
    '',
  ];
  if (!previous) {
    md.push('No earlier run in the results folder.');
  } else {
    md.push(`Previous: \`${previous.file}\` (${previous.mode}).`, '', '| figure | previous | now | change |', '|---|---|---|---|');
    for (const figure of report.figures) {
      const before = previous.figures.find((f) => f.name === figure.name);
      const beforeValue = before?.value ?? null;
      md.push(
        `| ${figure.name} | ${beforeValue === null ? '—' : round(beforeValue)} | ${figure.value === null ? '—' : round(figure.value)} | ${change(figure.value, beforeValue)} |`,
      );
    }
    md.push('', 'For latencies and seconds lower is better; for rates higher is better. Quick and full runs differ in size.');
  }
  md.push('', '## Latency distribution', '');
  for (const [i, file] of chartFiles.entries()) md.push(`![${charts[i].title}](${file})`, '');
  md.push('## Method', '', ...report.method.flatMap((paragraph) => [`- ${paragraph}`]), '');
  const mdFile = `${stamp}.md`;
  writeFileSync(path.join(folder, mdFile), `${md.join('\n')}\n`);
  return { json: path.join(folder, jsonFile), markdown: path.join(folder, mdFile), chart: chartFiles[0] && path.join(folder, chartFiles[0]) };
}
