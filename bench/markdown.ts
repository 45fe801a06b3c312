/** Small Markdown helpers for the report. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.map((c) => String(c)).join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

export const int = (n: number) => Math.round(n).toLocaleString('en-US');
export const ms = (n: number) => `${int(n)} ms`;
export const seconds = (msValue: number) => `${(msValue / 1000).toFixed(1)} s`;
export const kb = (bytes: number) => `${int(bytes / 1024)} KiB`;
export const mb = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;
export const ratio = (a: number, b: number) => (b ? `${(a / b).toFixed(1)}×` : '—');
