/** A one-line progress bar for terminals: `[#####-----] 12/40`. Silent when not on a TTY. */

export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

export function progressBar(stream: ProgressStream, width = 20): (done: number, total: number) => void {
  if (!stream.isTTY) return () => undefined;
  return (done, total) => {
    const filled = total === 0 ? width : Math.round((done / total) * width);
    stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}${done >= total ? '\n' : ''}`);
  };
}
