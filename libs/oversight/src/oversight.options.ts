export const OVERSIGHT_OPTIONS = Symbol('OVERSIGHT_OPTIONS');

export interface OversightOptions {
  /** How often recommendations are swept for their answer-by day (overdue). */
  sweepMs: number;
}

export const DEFAULT_OVERSIGHT_OPTIONS: OversightOptions = { sweepMs: 60_000 };
