/**
 * An SVG chart of HDR percentile distributions (latency against percentile on the usual
 * log "nines" axis: 0, 90, 99, 99.9, 99.99 %), one line per series. No dependencies.
 */
export interface ChartSeries {
  label: string;
  /** [percentile, latency ms] */
  points: [number, number][];
}

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b'];
const WIDTH = 720;
const HEIGHT = 400;
const MARGIN = { left: 70, right: 20, top: 40, bottom: 60 };

/** x position of a percentile: log10(1 / (1 - p)), capped at 99.999 %. */
function nines(percentile: number): number {
  const p = Math.min(percentile, 99.999) / 100;
  return Math.log10(1 / (1 - p));
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function latencyChartSvg(title: string, series: ChartSeries[]): string {
  const maxX = Math.max(4, ...series.flatMap((s) => s.points.map(([p]) => nines(p))));
  const maxY = Math.max(1, ...series.flatMap((s) => s.points.map(([, ms]) => ms))) * 1.1;
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (p: number) => Number((MARGIN.left + (nines(p) / maxX) * plotW).toFixed(1));
  const y = (ms: number) => Number((MARGIN.top + plotH - (ms / maxY) * plotH).toFixed(1));
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${WIDTH / 2}" y="22" text-anchor="middle" font-size="15">${escapeXml(title)}</text>`,
    `<line x1="${MARGIN.left}" y1="${MARGIN.top + plotH}" x2="${MARGIN.left + plotW}" y2="${MARGIN.top + plotH}" stroke="black"/>`,
    `<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${MARGIN.top + plotH}" stroke="black"/>`,
  ];
  for (const p of [0, 90, 99, 99.9, 99.99]) {
    if (nines(p) > maxX) continue;
    parts.push(
      `<line x1="${x(p)}" y1="${MARGIN.top}" x2="${x(p)}" y2="${MARGIN.top + plotH}" stroke="#ddd"/>`,
      `<text x="${x(p)}" y="${MARGIN.top + plotH + 16}" text-anchor="middle">${p}%</text>`,
    );
  }
  for (let i = 0; i <= 5; i++) {
    const ms = (maxY / 5) * i;
    parts.push(
      `<line x1="${MARGIN.left}" y1="${y(ms)}" x2="${MARGIN.left + plotW}" y2="${y(ms)}" stroke="#eee"/>`,
      `<text x="${MARGIN.left - 6}" y="${y(ms) + 4}" text-anchor="end">${ms.toFixed(ms < 10 ? 1 : 0)}</text>`,
    );
  }
  parts.push(
    `<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 20}" text-anchor="middle">percentile</text>`,
    `<text x="16" y="${MARGIN.top + plotH / 2}" text-anchor="middle" transform="rotate(-90 16 ${MARGIN.top + plotH / 2})">latency (ms)</text>`,
  );
  series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length];
    const path = s.points.map(([p, ms]) => `${x(p)},${y(ms)}`).join(' ');
    parts.push(`<polyline points="${path}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    parts.push(
      `<rect x="${MARGIN.left + 10}" y="${MARGIN.top + 8 + i * 18}" width="12" height="3" fill="${colour}"/>`,
      `<text x="${MARGIN.left + 28}" y="${MARGIN.top + 13 + i * 18}">${escapeXml(s.label)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}
