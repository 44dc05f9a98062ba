/** One row of a model summary. */
export interface SummaryRow {
  name: string;
  className: string;
  outputShape: string;
  params: number;
  /** Inbound layers, for functional models ("" for inputs). */
  connectedTo?: string;
}

/** Totals of a model summary. */
export interface SummaryTotals {
  trainable: number;
  nonTrainable: number;
  /** Bytes per parameter (4 for float32). */
  bytesPerParam: number;
}

const group = (n: number): string => n.toLocaleString('en-US');

function bytes(n: number): string {
  if (n >= 2 ** 20) return `${(n / 2 ** 20).toFixed(2)} MB`;
  if (n >= 2 ** 10) return `${(n / 2 ** 10).toFixed(2)} KB`;
  return `${n} B`;
}

function fit(text: string, width: number): string {
  return text.length > width - 1 ? `${text.slice(0, width - 2)}…` : text.padEnd(width);
}

/**
 * Renders a Keras-style summary table: layer (type), output shape, parameter count (and the inbound layers for
 * functional models), then total, trainable and non-trainable parameter counts with their memory.
 */
export function formatSummary(
  title: string,
  rows: readonly SummaryRow[],
  totals: SummaryTotals,
  lineLength = 80,
): string {
  const connected = rows.some((r) => r.connectedTo !== undefined);
  const widths = connected
    ? [Math.round(lineLength * 0.3), Math.round(lineLength * 0.22), Math.round(lineLength * 0.13)]
    : [Math.round(lineLength * 0.45), Math.round(lineLength * 0.35)];
  const paramWidth = connected ? (widths[2] as number) : lineLength - (widths[0] as number) - (widths[1] as number);
  const rest = connected ? lineLength - widths.reduce((a, b) => a + b, 0) : 0;
  const line = (cells: string[], params: string): string => {
    const head = fit(cells[0] as string, widths[0] as number) + fit(cells[1] as string, widths[1] as number);
    const p = params.padStart(paramWidth - 2).padEnd(paramWidth);
    return (head + p + (connected ? ` ${fit(cells[2] ?? '', rest - 1)}` : '')).trimEnd();
  };
  const out: string[] = [`Model: "${title}"`, '─'.repeat(lineLength)];
  out.push(line(['Layer (type)', 'Output Shape', 'Connected to'], 'Param #'));
  out.push('═'.repeat(lineLength));
  rows.forEach((r, i) => {
    out.push(line([`${r.name} (${r.className})`, r.outputShape, r.connectedTo ?? ''], group(r.params)));
    out.push(i === rows.length - 1 ? '═'.repeat(lineLength) : '─'.repeat(lineLength));
  });
  if (rows.length === 0) out.push('═'.repeat(lineLength));
  const total = totals.trainable + totals.nonTrainable;
  out.push(` Total params: ${group(total)} (${bytes(total * totals.bytesPerParam)})`);
  out.push(` Trainable params: ${group(totals.trainable)} (${bytes(totals.trainable * totals.bytesPerParam)})`);
  out.push(
    ` Non-trainable params: ${group(totals.nonTrainable)} (${bytes(totals.nonTrainable * totals.bytesPerParam)})`,
  );
  return out.join('\n');
}
