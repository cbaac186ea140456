import { Presets, SingleBar } from 'cli-progress';

/** Progress of a long job, drawn on a terminal and silent otherwise (pipes, CI logs, files). */
export interface Progress {
  start(label: string, total: number): void;
  tick(done?: number): void;
  stop(): void;
}

export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { start() {}, tick() {}, stop() {} };
  const bar = new SingleBar(
    {
      stream,
      format: '{label} [{bar}] {percentage}% {value}/{total} {eta_formatted}',
      hideCursor: true,
      clearOnComplete: true,
    },
    Presets.shades_classic,
  );
  let running = false;
  return {
    start(label, total) {
      if (running) bar.stop();
      bar.start(total, 0, { label: label.padEnd(28) });
      running = true;
    },
    tick(done = 1) {
      bar.increment(done);
    },
    stop() {
      if (running) bar.stop();
      running = false;
    },
  };
}
