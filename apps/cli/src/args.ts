/** Command-line options: `--name value`. */
export class Args {
  constructor(
    private readonly args: string[],
    private readonly usage: string,
  ) {}

  has(name: string): boolean {
    return this.args.includes(`--${name}`);
  }

  /** The value of `--name`, or `fallback`; without either, an error that shows the usage. */
  get(name: string, fallback?: string): string {
    const index = this.args.indexOf(`--${name}`);
    const value = index >= 0 ? this.args[index + 1] : fallback;
    if (value === undefined || value.startsWith('--'))
      throw new Error(`--${name} is required\n\n${this.usage}`);
    return value;
  }

  optional(name: string): string | undefined {
    return this.has(name) ? this.get(name) : undefined;
  }
}
