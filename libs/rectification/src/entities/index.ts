import { ChildProblems } from './child-problems.entity';
import { Evidence, Finding } from './finding.entity';
import { InspectionReport, ReportDecision } from './inspection-report.entity';
import { ProgressReport } from './progress-report.entity';
import {
  Rectification,
  RectificationAlert,
  RectificationItem,
  RectificationProof,
} from './rectification.entity';
import { Referral } from './referral.entity';
import { SpecialReport } from './special-report.entity';
import { SupervisionNote } from './supervision-note.entity';

export * from './child-problems.entity';
export * from './finding.entity';
export * from './inspection-report.entity';
export * from './progress-report.entity';
export * from './rectification.entity';
export * from './referral.entity';
export * from './special-report.entity';
export * from './supervision-note.entity';

export const RECTIFICATION_ENTITIES = [
  Finding,
  Evidence,
  InspectionReport,
  ReportDecision,
  Referral,
  Rectification,
  RectificationItem,
  RectificationProof,
  ProgressReport,
  RectificationAlert,
  SupervisionNote,
  SpecialReport,
  ChildProblems,
];
