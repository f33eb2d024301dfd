/** A progress bar for one long phase (cli-progress); silent when stdout is not a terminal. */
import { SingleBar, Presets } from 'cli-progress';

export interface PhaseProgress {
  update(done: number): void;
  stop(): void;
}

export function startProgress(label: string, total: number): PhaseProgress {
  if (!process.stdout.isTTY) {
    process.stdout.write(`${label} …\n`);
    return { update: () => undefined, stop: () => undefined };
  }
  const bar = new SingleBar(
    { format: `${label.padEnd(34)} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}`, hideCursor: true },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    update: (done) => bar.update(Math.min(done, total)),
    stop: () => bar.stop(),
  };
}
