export const RECTIFICATION_OPTIONS = Symbol('RECTIFICATION_OPTIONS');

export interface RectificationOptions {
  /** How often deadlines are swept for alerts (20 days, 10 days, overdue). */
  alertSweepMs: number;
}

export const DEFAULT_RECTIFICATION_OPTIONS: RectificationOptions = { alertSweepMs: 60_000 };
