export const PLANNING_OPTIONS = Symbol('PLANNING_OPTIONS');

export interface PlanningOptions {
  /** 回避: years after leaving a post during which a person may not inspect that unit. */
  recentPostYears: number;
}

export const DEFAULT_PLANNING_OPTIONS: PlanningOptions = { recentPostYears: 3 };
