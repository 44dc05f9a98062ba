/**
 * Command-line options of the nn examples and benchmarks (the confusion matrix lives in src/cli/examples/confusion.ts).
 */

/** Reads `--name value` (or `--name=value`) from the command line, else the fallback. */
export function option(name: string, fallback: number): number {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === `--${name}`) return Number(args[i + 1]);
    if (a.startsWith(`--${name}=`)) return Number(a.slice(name.length + 3));
  }
  return fallback;
}
