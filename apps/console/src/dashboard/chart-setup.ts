/** Chart.js with only what the dashboard draws (bars and lines on category/linear axes), so the lazy chunk stays small. */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);
Chart.defaults.color = '#50575f';
Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily;
Chart.defaults.maintainAspectRatio = false;
Chart.defaults.animation = false;

/** Series colours, each at least 3:1 against the white panel and told apart by more than hue in the tables. */
export const SERIES = {
  primary: '#0b5cad',
  warning: '#9a5b00',
  danger: '#a4161a',
  ok: '#1d6b33',
  neutral: '#5b6470',
} as const;
